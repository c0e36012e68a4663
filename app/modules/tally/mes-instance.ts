import type { TallyProfile } from "./profile";

/** MES input shared by the exact and the certified engine. Candidates are indexed 0..count-1. */
export interface MesInstance {
  /** Candidate -> profile project index: not withdrawn, supported by someone. */
  projects: number[];
  cost: bigint[];
  /** Utility per utility point: the cost for approval ballots (cost utilities), 1 for points ballots. */
  unit: bigint[];
  rank: number[];
  /** Per candidate: the weighted ballots supporting it, and the utility points each gives it. */
  supporters: Int32Array[];
  points: Int32Array[];
  ballotWeight: Int32Array;
  /** Per weighted ballot b, its candidates and points are at ballotStart[b] .. ballotStart[b + 1] - 1. */
  ballotStart: Int32Array;
  ballotCandidates: Int32Array;
  ballotPoints: Int32Array;
  /** Points range over 1 .. keyBase - 1. */
  keyBase: number;
  /** supportWeight[j * keyBase + v]: how many voters give candidate j exactly v points. */
  supportWeight: Float64Array;
  voters: bigint;
  budget: bigint;
  /** One whole currency unit in money units (10^scale). */
  currencyUnit: bigint;
}

/** In round `round` (0-based), `tied` had exactly the winner's rho and lost on the tie order. Candidate indices. */
export interface MesTie {
  round: number;
  winner: number;
  tied: number[];
}

export function buildMesInstance(profile: TallyProfile): MesInstance {
  const projects = profile.ids.map((_, i) => i).filter((i) => !profile.withdrawn[i] && profile.scores[i] > 0);
  // Plain loops and arrays: this runs once per count, but over every approval of every ballot.
  const slot = new Int32Array(profile.ids.length).fill(-1);
  projects.forEach((p, j) => (slot[p] = j));
  const supporters: number[][] = projects.map(() => []);
  const points: number[][] = projects.map(() => []);
  const ballotStart = [0];
  const ballotCandidates: number[] = [];
  const ballotPoints: number[] = [];
  let maxPoints = 1;
  const ballots = inLocalityOrder(profile, projects);
  for (let b = 0; b < ballots.length; b++) {
    const ballot = ballots[b];
    for (let t = 0; t < ballot.projects.length; t++) {
      const j = slot[ballot.projects[t]];
      if (j < 0) continue;
      const value = ballot.values[t];
      supporters[j].push(b);
      points[j].push(value);
      ballotCandidates.push(j);
      ballotPoints.push(value);
      if (value > maxPoints) maxPoints = value;
    }
    ballotStart.push(ballotCandidates.length);
  }
  const cost = projects.map((p) => profile.costs[p]);
  const keyBase = maxPoints + 1;
  const supportWeight = new Float64Array(projects.length * keyBase);
  supporters.forEach((list, j) => list.forEach((b, t) => (supportWeight[j * keyBase + points[j][t]] += ballots[b].weight)));
  return {
    projects,
    cost,
    unit: profile.pointsUtility ? cost.map(() => 1n) : cost,
    rank: projects.map((p) => profile.tieRank[p]),
    supporters: supporters.map((s) => Int32Array.from(s)),
    points: points.map((s) => Int32Array.from(s)),
    ballotWeight: Int32Array.from(ballots.map((b) => b.weight)),
    ballotStart: Int32Array.from(ballotStart),
    ballotCandidates: Int32Array.from(ballotCandidates),
    ballotPoints: Int32Array.from(ballotPoints),
    keyBase,
    supportWeight,
    voters: BigInt(profile.voters),
    budget: profile.budget,
    currencyUnit: 10n ** BigInt(profile.scale),
  };
}

/**
 * The ballots ordered so that the supporters of popular candidates sit close together in memory:
 * by their three most supported candidates, the most supported first. The engines visit every
 * supporter of a candidate for each evaluation, and this order makes those visits mostly sequential
 * (about a sixth faster on Warsaw's districts). Voters are interchangeable, so outcomes do not depend on it.
 */
function inLocalityOrder(profile: TallyProfile, projects: number[]): TallyProfile["ballots"] {
  const ranked = [...projects].sort((x, y) => profile.scores[y] - profile.scores[x] || x - y);
  const base = ranked.length + 1;
  const place = new Int32Array(profile.ids.length).fill(ranked.length);
  ranked.forEach((p, k) => (place[p] = k));
  // Compared by their first three places packed in one number, ballot index last: a numeric sort.
  const count = profile.ballots.length;
  const levels = base ** 3 * count < 2 ** 52 ? 3 : base ** 2 * count < 2 ** 52 ? 2 : 1;
  const keys = new Float64Array(count);
  const none = ranked.length;
  profile.ballots.forEach((ballot, b) => {
    // The ballot's three smallest places, ascending (none: fewer candidates than that).
    let first = none;
    let second = none;
    let third = none;
    for (const project of ballot.projects) {
      const at = place[project];
      if (at < first) {
        third = second;
        second = first;
        first = at;
      } else if (at < second) {
        third = second;
        second = at;
      } else if (at < third) third = at;
    }
    const key = levels === 3 ? (first * base + second) * base + third : levels === 2 ? first * base + second : first;
    keys[b] = key * count + b;
  });
  keys.sort();
  return Array.from(keys, (key) => profile.ballots[key % count]);
}

/** Numerator of the starting share budget / voters + raise (whole currency units); the denominator is voters. */
export function startingShare(inst: MesInstance, raise: number): bigint {
  return inst.budget + BigInt(raise) * inst.currencyUnit * inst.voters;
}

export function outcomeCost(inst: MesInstance, selected: number[]): bigint {
  return selected.reduce((sum, j) => sum + inst.cost[j], 0n);
}
