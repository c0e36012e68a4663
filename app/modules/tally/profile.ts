import { toUnits } from "./decimal";
import { WITHDRAWN_COST, type Election } from "./election";
import { tieRanks } from "./tie-breaking";

/** Voters with identical ballots, merged: they are interchangeable under every rule here. */
export interface WeightedBallot {
  /** Project indices, ascending. */
  projects: number[];
  /** Utility of each project: 1 for approval and choose-1, points for cumulative and scoring, len..1 for ordinal. */
  values: number[];
  weight: number;
}

/** An election reduced to what the rules need, with money as integers in units of 10^-scale. */
export interface TallyProfile {
  ids: string[];
  costs: bigint[];
  budget: bigint;
  scale: number;
  withdrawn: boolean[];
  /** Approvals, or total points for points ballots. */
  scores: number[];
  tieRank: number[];
  voters: number;
  ballots: WeightedBallot[];
  /** Utilities are points (MES uses them as weights) rather than approvals (MES uses cost utilities). */
  pointsUtility: boolean;
}

export function buildProfile(election: Election): TallyProfile {
  const scale = Math.max(election.budget.scale, ...election.projects.map((p) => p.cost.scale));
  const ids = election.projects.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const costs = election.projects.map((p) => toUnits(p.cost, scale));
  const withdrawnUnits = WITHDRAWN_COST * 10n ** BigInt(scale);
  const pointsUtility = election.voteType === "cumulative" || election.voteType === "scoring" || election.voteType === "ordinal";
  const scores = new Array<number>(ids.length).fill(0);
  const merged = new Map<string, WeightedBallot>();
  const projects: number[] = [];
  const values: number[] = [];
  for (const ballot of election.ballots) {
    projects.length = 0;
    values.length = 0;
    const length = ballot.vote.length;
    for (let position = 0; position < length; position++) {
      const value = ballotValue(election.voteType, ballot.points, length, position);
      if (value <= 0) continue;
      // Insertion by project index: ballots are short.
      const project = index.get(ballot.vote[position]) as number;
      let k = projects.length;
      projects.push(project);
      values.push(value);
      while (k > 0 && projects[k - 1] > project) {
        projects[k] = projects[k - 1];
        values[k] = values[k - 1];
        k--;
      }
      projects[k] = project;
      values[k] = value;
    }
    for (let k = 0; k < projects.length; k++) scores[projects[k]] += values[k];
    const key = ballotKey(projects, values, pointsUtility);
    const existing = merged.get(key);
    if (existing) existing.weight += 1;
    else merged.set(key, { projects: projects.slice(), values: values.slice(), weight: 1 });
  }
  return {
    ids,
    costs,
    budget: toUnits(election.budget, scale),
    scale,
    withdrawn: costs.map((c) => c === withdrawnUnits),
    scores,
    tieRank: tieRanks(ids, costs, scores),
    voters: election.ballots.length,
    ballots: [...merged.values()],
    pointsUtility,
  };
}

function ballotValue(voteType: Election["voteType"], points: number[] | null, length: number, position: number): number {
  if (voteType === "ordinal") return length - position;
  if (voteType === "cumulative" || voteType === "scoring") return (points as number[])[position];
  return 1;
}

/** Identical ballots give identical keys: project indices (and points) as UTF-16 code units when they fit. */
function ballotKey(projects: number[], values: number[], withValues: boolean): string {
  const small = projects.every((p) => p < 0xffff) && (!withValues || values.every((v) => v < 0xffff));
  if (!small) return `${projects.join(",")};${values.join(",")}`;
  const codes = withValues ? [...projects, 0xffff, ...values] : projects;
  let key = "";
  for (let i = 0; i < codes.length; i += 4096) key += String.fromCharCode(...codes.slice(i, i + 4096));
  return key;
}
