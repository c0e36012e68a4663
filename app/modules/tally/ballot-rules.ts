/**
 * What a ballot may be, as an election's META states it (https://pabulib.org/format), and what the
 * reader does with a ballot that breaks it. Pure; used by pb-format.ts while reading VOTES.
 *
 * A project named twice on one ballot is not a reason to refuse a file (Warsaw's files have it):
 * - approval and choose-1: a ballot is a set, the project counts once;
 * - ordinal: the first (best) position counts, the later mention is dropped and the ranks below it
 *   move up (so [A, B, A, C] ranks A, B, C and gives 3-2-1);
 * - cumulative: the points are added (the voter distributed all of them; limits apply to the sum);
 * - scoring: the first score counts (a project has one score).
 * Each case is reported as a warning with its line.
 *
 * A ballot that breaks a limit (min_length, max_length, min_sum_cost, max_sum_cost, min_points,
 * max_points, min_sum_points, max_sum_points; choose-1 allows one project) is invalid: by default it
 * is dropped, as a spoilt paper ballot is, and reported with its line; `invalidBallots: "count"`
 * keeps it in the count (still reported). Only limits that META states are checked; lengths count
 * distinct projects. See docs/decisions/0004-tally-real-elections.md.
 */
import { formatDecimal, parseDecimal, toUnits, type Decimal } from "./decimal";
import type { VoteType } from "./election";

/** META keys that limit a ballot, in the order they are checked. */
export const BALLOT_LIMIT_KEYS = [
  "min_length",
  "max_length",
  "min_sum_cost",
  "max_sum_cost",
  "min_points",
  "max_points",
  "min_sum_points",
  "max_sum_points",
] as const;
export type BallotLimitKey = (typeof BALLOT_LIMIT_KEYS)[number];

export type BallotLimits = Partial<Record<BallotLimitKey, Decimal>>;

/** What happens to a ballot that breaks a META limit. */
export type InvalidBallotPolicy = "drop" | "count";

/** Limits that apply to this vote type: cost limits to approval ballots, point limits to points ballots. */
export function limitApplies(key: BallotLimitKey, voteType: VoteType): boolean {
  if (key === "min_sum_cost" || key === "max_sum_cost") return voteType === "approval" || voteType === "choose-1";
  if (key === "min_sum_points" || key === "max_sum_points") return voteType === "cumulative";
  if (key === "min_points" || key === "max_points") return voteType === "cumulative" || voteType === "scoring";
  return true;
}

/** A vote with each project once, merged as described above; `repeated` lists the ids that were named again. */
export function mergeRepeats(
  voteType: VoteType,
  vote: string[],
  points: number[] | null,
): { vote: string[]; points: number[] | null; repeated: string[] } {
  if (!hasRepeat(vote)) return { vote, points, repeated: [] };
  const position = new Map<string, number>();
  const merged: string[] = [];
  const mergedPoints: number[] | null = points ? [] : null;
  const repeated: string[] = [];
  vote.forEach((id, k) => {
    const first = position.get(id);
    if (first === undefined) {
      position.set(id, merged.length);
      merged.push(id);
      if (mergedPoints && points) mergedPoints.push(points[k]);
      return;
    }
    if (!repeated.includes(id)) repeated.push(id);
    if (voteType === "cumulative" && mergedPoints && points) mergedPoints[first] += points[k];
  });
  return { vote: merged, points: mergedPoints, repeated };
}

function hasRepeat(vote: string[]): boolean {
  if (vote.length < 2) return false;
  if (vote.length > 12) return new Set(vote).size !== vote.length;
  for (let i = 1; i < vote.length; i++) for (let k = 0; k < i; k++) if (vote[i] === vote[k]) return true;
  return false;
}

export type BallotCheck = (vote: string[], points: number[] | null) => string | null;

/** A checker for the limits that apply to this vote type: the first one a (merged) ballot breaks, in words, or null. */
export function ballotChecker(limits: BallotLimits, voteType: VoteType, costOf: (id: string) => Decimal): BallotCheck {
  const checks: BallotCheck[] = [];
  if (voteType === "choose-1") checks.push((vote) => (vote.length > 1 ? `a choose-1 ballot names ${vote.length} projects` : null));
  for (const key of BALLOT_LIMIT_KEYS) {
    const limit = limits[key];
    if (!limit || !limitApplies(key, voteType)) continue;
    const text = `${key} ${formatDecimal(limit)}`;
    const min = key.startsWith("min");
    const bound = Number(formatDecimal(limit)); // counts and points are integers: exact enough to compare
    const breaks = (n: number) => (min ? n < bound : n > bound);
    if (key.endsWith("_length")) {
      checks.push((vote) => (breaks(vote.length) ? `names ${vote.length} projects, ${text}` : null));
    } else if (key.endsWith("_sum_cost")) {
      const scale = limit.scale;
      const units = (id: string) => {
        const cost = costOf(id);
        return cost.scale > scale ? null : toUnits(cost, scale);
      };
      checks.push((vote) => {
        // Exact: in the limit's units when every cost has at most its decimals, else at the finest scale.
        let total = 0n;
        let exact = true;
        for (const id of vote) {
          const u = units(id);
          if (u === null) exact = false;
          else total += u;
        }
        const sum = exact ? { units: total, scale } : sumDecimals(vote.map(costOf));
        const s = Math.max(sum.scale, limit.scale);
        const order = compare(toUnits(sum, s), toUnits(limit, s));
        return (min ? order < 0 : order > 0) ? `approved projects cost ${formatDecimal(sum)} in total, ${text}` : null;
      });
    } else if (key.endsWith("_sum_points")) {
      checks.push((_, points) => {
        let total = 0;
        for (const p of points ?? []) total += p;
        return breaks(total) ? `gives ${total} points in total, ${text}` : null;
      });
    } else {
      checks.push((vote, points) => {
        const offending = (points ?? []).findIndex(breaks);
        return offending >= 0 ? `gives ${(points ?? [])[offending]} points to project ${JSON.stringify(vote[offending])}, ${text}` : null;
      });
    }
  }
  if (checks.length === 0) return () => null;
  return (vote, points) => {
    for (const check of checks) {
      const problem = check(vote, points);
      if (problem) return problem;
    }
    return null;
  };
}

/** Reads the limits META states; `badKey` names the first one that is not a number. */
export function readLimits(meta: Record<string, string>): { limits: BallotLimits; badKey: BallotLimitKey | null } {
  const limits: BallotLimits = {};
  for (const key of BALLOT_LIMIT_KEYS) {
    const text = meta[key];
    if (text === undefined || text === "") continue;
    const value = parseDecimal(text);
    if (!value) return { limits, badKey: key };
    limits[key] = value;
  }
  return { limits, badKey: null };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sumDecimals(values: Decimal[]): Decimal {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  return { units: values.reduce((s, v) => s + toUnits(v, scale), 0n), scale };
}
