/** The vocabulary of moderation. Client-safe. */

/** Why a case is open: reports came in; the author asked for a review; an idea sent back for changes was edited. */
export const CASE_KINDS = ["reports", "review", "edited"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = ["open", "decided"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What a moderator did; every one is in the public log (without names) and the audit log. */
export const DECISIONS = ["hidden", "restored", "dismissed", "needs_changes", "merged", "silenced"] as const;
export type Decision = (typeof DECISIONS)[number];

/** Decisions that close a case (silencing the author does not: the content still needs a decision). */
export const CLOSING_DECISIONS: readonly Decision[] = ["hidden", "restored", "dismissed", "needs_changes", "merged"];

/** Decisions an author may ask to have reviewed, once each. */
export const REVIEWABLE_DECISIONS: readonly Decision[] = ["hidden", "needs_changes"];

/** Who hid a piece of content: a moderator, the reports themselves (pending review), or a moderator asking for changes. */
export const HIDDEN_KINDS = ["moderator", "auto", "needs_changes"] as const;
export type HiddenKind = (typeof HIDDEN_KINDS)[number];

/** What a decision did to the reports of its case: they count in their reporters' track record. */
export const REPORT_OUTCOMES = ["upheld", "dismissed"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const CASE_SORTS = ["score", "reports", "oldest", "spam"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** What the public log says a decision was about. */
export const LOG_TARGETS = ["idea", "comment", "account"] as const;
export type LogTarget = (typeof LOG_TARGETS)[number];

/** From this spam score on, a case is flagged "likely spam" (the score never hides anything by itself). */
export const LIKELY_SPAM = 3;
