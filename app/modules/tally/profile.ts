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
  for (const ballot of election.ballots) {
    const pairs: [number, number][] = [];
    ballot.vote.forEach((id, position) => {
      const value = ballotValue(election.voteType, ballot.points, ballot.vote.length, position);
      if (value > 0) pairs.push([index.get(id) as number, value]);
    });
    pairs.sort((x, y) => x[0] - y[0]);
    for (const [project, value] of pairs) scores[project] += value;
    const key = pairs.join(";");
    const existing = merged.get(key);
    if (existing) existing.weight += 1;
    else merged.set(key, { projects: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]), weight: 1 });
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
