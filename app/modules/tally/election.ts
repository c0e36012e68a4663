import type { Decimal } from "./decimal";

export const VOTE_TYPES = ["approval", "cumulative", "ordinal", "scoring", "choose-1"] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

/** A cost of exactly this many currency units marks a withdrawn project (Pabulib convention). */
export const WITHDRAWN_COST = 999_999_999n;

export interface PbProject {
  id: string;
  cost: Decimal;
  /** Every other PROJECTS column (name, votes, score, selected, category, ...), raw text. */
  fields: Record<string, string>;
}

export interface PbBallot {
  voterId: string;
  /** Project ids in the order written; for ordinal ballots this is the ranking, best first. */
  vote: string[];
  /** One entry per project in `vote`, or null when the file has no points column. */
  points: number[] | null;
  /** Every other VOTES column (age, sex, voting_method, ...), raw text. */
  fields: Record<string, string>;
}

/** One election as a Pabulib file describes it. Typed fields win over the raw META text. */
export interface Election {
  /** Every META row in file order, raw text (includes budget and vote_type). */
  meta: Record<string, string>;
  budget: Decimal;
  voteType: VoteType;
  /** Header of PROJECTS in file order; contains project_id and cost. */
  projectColumns: string[];
  /** Header of VOTES in file order; contains voter_id and vote (and points when ballots have points). */
  voteColumns: string[];
  projects: PbProject[];
  ballots: PbBallot[];
}
