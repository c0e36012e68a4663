import { encodeMessage } from "~/modules/commands/outcome";
import type { VotingMethod } from "./kinds";

/**
 * What a ballot may hold under a cycle's method (pure, client-safe): the server checks it inside
 * the write, and the ballot page runs the same function while the resident chooses, so a choice
 * over the limit is refused at once with the same words.
 */
export type BallotRules = {
  method: VotingMethod;
  /** tokens: how many a voter spreads, and at most how many on one project (null: no cap). */
  tokens: number;
  maxPerProject: number | null;
  /** approval: how few and how many projects. */
  minApprovals: number;
  maxApprovals: number;
  /** knapsack: the envelope's amount. */
  budget: number;
};

/** A ballot's choices: project id -> tokens (1 for approval and knapsack). */
export type Choices = Map<number, number>;

export type BallotProblem = { message: string; params?: Record<string, string | number>; projectId?: number };

export type BallotTotals = { chosen: number; tokensUsed: number; cost: number };

export function ballotTotals(choices: Choices, costs: ReadonlyMap<number, number>): BallotTotals {
  let tokensUsed = 0;
  let cost = 0;
  for (const [id, n] of choices) {
    tokensUsed += n;
    cost += costs.get(id) ?? 0;
  }
  return { chosen: choices.size, tokensUsed, cost };
}

/**
 * Whether the choices fit while the resident is still choosing: nothing over a limit (tokens,
 * per-project cap, number of approvals, budget). Too few approvals is not a problem yet.
 */
export function checkWhileChoosing(rules: BallotRules, choices: Choices, costs: ReadonlyMap<number, number>): BallotProblem | null {
  for (const [projectId, n] of choices) {
    if (!costs.has(projectId)) return { message: "errors.ballot.unknownProject", projectId };
    if (!Number.isSafeInteger(n) || n < 1) return { message: "errors.ballot.wholeTokens", projectId };
    if (rules.method !== "tokens" && n !== 1) return { message: "errors.ballot.wholeTokens", projectId };
    if (rules.method === "tokens" && rules.maxPerProject !== null && n > rules.maxPerProject) {
      return { message: "errors.ballot.overPerProject", params: { max: rules.maxPerProject }, projectId };
    }
  }
  const totals = ballotTotals(choices, costs);
  if (rules.method === "tokens" && totals.tokensUsed > rules.tokens) return { message: "errors.ballot.overTokens", params: { tokens: rules.tokens, used: totals.tokensUsed } };
  if (rules.method === "approval" && totals.chosen > rules.maxApprovals) return { message: "errors.ballot.overApprovals", params: { max: rules.maxApprovals } };
  if (rules.method === "knapsack" && totals.cost > rules.budget) return { message: "errors.ballot.overBudget", params: { budget: rules.budget, cost: totals.cost } };
  return null;
}

/** Whether the choices make a ballot that can be submitted: within every limit, and enough of them. */
export function checkSubmittable(rules: BallotRules, choices: Choices, costs: ReadonlyMap<number, number>): BallotProblem | null {
  const whileChoosing = checkWhileChoosing(rules, choices, costs);
  if (whileChoosing) return whileChoosing;
  if (choices.size === 0) return { message: "errors.ballot.empty" };
  if (rules.method === "approval" && choices.size < rules.minApprovals) return { message: "errors.ballot.underApprovals", params: { min: rules.minApprovals } };
  return null;
}

/** What is left to spend, for the counters on the ballot page. */
export function remaining(rules: BallotRules, totals: BallotTotals) {
  if (rules.method === "tokens") return rules.tokens - totals.tokensUsed;
  if (rules.method === "approval") return rules.maxApprovals - totals.chosen;
  return rules.budget - totals.cost;
}

/** A broken limit as a message key with its parameters; amounts carry the cycle's currency, to be shown as money. */
export function problemMessage(problem: BallotProblem, currency: string) {
  return encodeMessage({ message: problem.message, params: problem.params ? { ...problem.params, currency } : undefined });
}
