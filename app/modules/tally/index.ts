/**
 * Tally engine for participatory budgeting: reads and writes Pabulib `.pb` files and computes the
 * funded projects under greedy, greedy-no-skip, greedy-threshold and the Method of Equal Shares
 * (plain, with Add1 completion, and with the comparison step). Pure TypeScript, no I/O.
 *
 * Ties: lower cost, then higher score, then project id in natural, locale-free order.
 * Arithmetic: money as scaled integers; MES exact (BigInt), with a certified floating-point fast
 * path that proves each decision or defers to BigInt.
 * See docs/decisions/0002-tally-tie-breaking-and-arithmetic.md.
 */
export { decimalToNumber, formatDecimal, parseDecimal, type Decimal } from "./decimal";
export { VOTE_TYPES, WITHDRAWN_COST, type Election, type PbBallot, type PbProject, type VoteType } from "./election";
export type { Add1Progress } from "./equal-shares";
export { BALLOT_LIMIT_KEYS, type BallotLimitKey, type InvalidBallotPolicy } from "./ballot-rules";
export { PbParseError, parsePb, readPb, writePb, type PbReading, type PbWarning, type ReadOptions } from "./pb-format";
export { compareProjectIds } from "./tie-breaking";
export {
  RULES,
  TallyError,
  ruleFromMeta,
  tally,
  tallyElection,
  type ProjectExplanation,
  type ProjectResult,
  type Rule,
  type TallyElectionOptions,
  type TallyOptions,
  type TallyResult,
  type TallyTie,
  type TieBreak,
} from "./tally";
