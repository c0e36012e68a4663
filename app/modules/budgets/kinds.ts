/**
 * The lists of values of participatory budgeting (client-safe: no database import). See
 * ../shared/docs/product.md, "Participatory budgeting".
 */

/** A cycle's phases in order; the server clock moves it from one to the next at its dates. */
export const PHASES = ["draft", "collecting", "reviewing", "voting", "tallied", "implementing", "closed"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * How residents vote: `tokens` (N tokens to spread, at most M on one project; the default),
 * `approval` (choose between min and max projects), `knapsack` (choose projects whose cost fits
 * the envelope).
 */
export const VOTING_METHODS = ["tokens", "approval", "knapsack"] as const;
export type VotingMethod = (typeof VOTING_METHODS)[number];

/** How winners are found when counting: greedy by support, or the Method of Equal Shares with completion. */
export const WINNER_RULES = ["greedy", "equal_shares"] as const;
export type WinnerRule = (typeof WINNER_RULES)[number];

/** A submitted idea's review by council staff. */
export const FEASIBILITY = ["pending", "feasible", "infeasible"] as const;
export type Feasibility = (typeof FEASIBILITY)[number];

/** Where a counted ballot came from. */
export const BALLOT_SOURCES = ["online", "paper"] as const;
export type BallotSource = (typeof BALLOT_SOURCES)[number];

export const CURRENCIES = ["EUR", "CHF", "GBP", "USD", "CAD", "PLN"] as const;

/** Projects per page on a cycle's public page. */
export const CYCLE_PROJECTS_PAGE = 30;

/** Project cards per page of a ballot: the others stay in the ballot, carried by the form. */
export const BALLOT_PAGE_SIZE = 30;

/** A paper ballot entry: waiting for a second person, counted (two agreed), or disagreeing with another entry. */
export const PAPER_ENTRY_STATUSES = ["pending", "counted", "mismatch"] as const;
export type PaperEntryStatus = (typeof PAPER_ENTRY_STATUSES)[number];

/** A count: under way in the worker, finished, or failed (the error is kept). */
export const COUNT_STATUSES = ["running", "done", "failed"] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

/** Why a project was or was not funded, as stored with a result (amounts as decimal text). */
export type StoredExplanation =
  | { kind: "withdrawn" | "unsupported" }
  | { kind: "below-threshold"; threshold: string }
  | { kind: "greedy-funded" | "greedy-did-not-fit"; rank: number; budgetLeft: string }
  | { kind: "greedy-not-reached"; rank: number; stoppedAt: string }
  | { kind: "mes-funded"; round: number; payers: number; paidAllTheyHad: number; paymentPerPoint: number; averagePayment: number }
  | { kind: "mes-unaffordable"; moneyLeft: number; holders: number };

/** An envelope's result as the engine gave it, kept as published (client-safe: the results page reads it). */
export type StoredResult = {
  rule: string;
  budget: string;
  cost: string;
  voters: number;
  selected: string[];
  projects: { id: string; cost: string; score: number; supporters: number; selected: boolean; order: number | null; explanation: StoredExplanation }[];
  ties: { stage: string; step: number; projects: string[]; winner: string; loser: string; brokenBy: string; otherwise: string[] }[];
  equalShares: { share: number; raise: number } | null;
};
