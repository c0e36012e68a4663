import { formatDecimal, parseDecimal, parsePb, tallyElection, writePb, type Election, type TallyResult } from "~/modules/tally";
import type { StoredExplanation, StoredResult, VotingMethod, WinnerRule } from "./kinds";

/**
 * Counting without the database (pure; the worker thread runs it): an envelope's anonymised
 * ballots as a Pabulib file, and the engine's count of exactly that file, so that anyone who
 * recounts the published file with `npm run tally` or pabutools gets the published winners.
 */

export type EnvelopeBallots = {
  description: string;
  instance: string;
  currency: string;
  budget: number;
  method: VotingMethod;
  winnerRule: WinnerRule;
  tokens: number;
  maxTokensPerProject: number | null;
  minApprovals: number;
  maxApprovals: number;
  projects: { id: number; cost: number; name: string }[];
  /**
   * Each ballot's choices as the database lists them, "project:tokens" items comma-separated
   * ("12:1,40:3"). In an order that says nothing (shuffled by the caller).
   */
  ballots: string[];
};

/** The META rule the engine and pabutools read: greedy, or Equal Shares completed by Add1. */
export const META_RULE: Record<WinnerRule, string> = { greedy: "greedy", equal_shares: "equalshares/add1" };

/** The file as published: random voter ids 1..n in the given order, no times, no user data. */
export function envelopeFile(input: EnvelopeBallots): string {
  const tokens = input.method === "tokens";
  const limits: Record<string, string> = tokens
    ? { max_sum_points: String(input.tokens), ...(input.maxTokensPerProject ? { max_points: String(input.maxTokensPerProject) } : {}) }
    : input.method === "approval"
      ? { min_length: String(input.minApprovals), max_length: String(input.maxApprovals) }
      : { max_sum_cost: String(input.budget) };
  const election: Election = {
    meta: {
      description: input.description,
      instance: input.instance,
      currency: input.currency,
      num_projects: String(input.projects.length),
      num_votes: String(input.ballots.length),
      budget: String(input.budget),
      vote_type: tokens ? "cumulative" : "approval",
      rule: META_RULE[input.winnerRule],
      ...limits,
    },
    budget: parseDecimal(String(input.budget))!,
    voteType: tokens ? "cumulative" : "approval",
    projectColumns: ["project_id", "cost", "name"],
    voteColumns: tokens ? ["voter_id", "vote", "points"] : ["voter_id", "vote"],
    projects: input.projects.map((p) => ({ id: String(p.id), cost: parseDecimal(String(p.cost))!, fields: { name: p.name } })),
    ballots: input.ballots.map((choices, i) => {
      const items = choices.split(",").map((item) => item.split(":"));
      return {
        voterId: String(i + 1),
        vote: items.map(([id]) => id),
        points: tokens ? items.map(([, n]) => Number(n)) : null,
        fields: {},
      };
    }),
  };
  return writePb(election);
}

function storedExplanation(e: TallyResult["perProject"][number]["explanation"]): StoredExplanation {
  switch (e.kind) {
    case "below-threshold":
      return { kind: e.kind, threshold: formatDecimal(e.threshold) };
    case "greedy-funded":
    case "greedy-did-not-fit":
      return { kind: e.kind, rank: e.rank, budgetLeft: formatDecimal(e.budgetLeft) };
    default:
      return e;
  }
}

/** Counts a published file with the rule its META states, as a recount would. */
export function countFile(pb: string): StoredResult {
  const result = tallyElection(parsePb(pb), { rule: "auto" });
  return {
    rule: result.rule,
    budget: formatDecimal(result.budget),
    cost: formatDecimal(result.cost),
    voters: result.voters,
    selected: result.selected,
    projects: result.perProject.map((p) => ({ id: p.id, cost: formatDecimal(p.cost), score: p.score, supporters: p.supporters, selected: p.selected, order: p.order, explanation: storedExplanation(p.explanation) })),
    ties: result.ties.map((t) => ({ stage: t.stage, step: t.step, projects: t.projects, winner: t.winner, loser: t.loser, brokenBy: t.brokenBy, otherwise: t.otherwise })),
    equalShares: result.equalShares,
  };
}
