import type { IdeaStatus } from "./statuses";

/**
 * The idea lifecycle of product.md as a table: every status change there is, who makes it, and
 * whether it needs a public text. The one status command (app/modules/ideas/status.server.ts)
 * applies it; nothing else changes a status. Client-safe (the response form lists the choices).
 *
 * - "staff": council members and admins, with an official response (required to decline);
 * - "author": the idea's author (withdrawing);
 * - "budget": only a budget cycle's shortlist and published count (never a person by hand);
 * - "merge": only the merge of a duplicate, and its undoing.
 */
export type TransitionVia = "staff" | "author" | "budget" | "merge";

export type TransitionRule = { from: IdeaStatus; to: IdeaStatus; via: TransitionVia; responseRequired: boolean };

const rule = (from: IdeaStatus, to: IdeaStatus, via: TransitionVia, responseRequired = false): TransitionRule => ({ from, to, via, responseRequired });

export const TRANSITIONS: readonly TransitionRule[] = [
  rule("published", "under_review", "staff"),
  rule("under_review", "accepted", "staff"),
  rule("under_review", "declined", "staff", true),
  rule("accepted", "in_progress", "staff"),
  rule("in_progress", "completed", "staff"),
  rule("funded", "in_progress", "staff"),
  rule("published", "shortlisted", "budget"),
  rule("under_review", "shortlisted", "budget"),
  rule("shortlisted", "funded", "budget"),
  rule("shortlisted", "not_funded", "budget"),
  rule("published", "withdrawn", "author"),
  rule("under_review", "withdrawn", "author"),
  rule("published", "merged", "merge"),
  rule("under_review", "merged", "merge"),
  // Undoing a wrong merge gives the duplicate back the status it had.
  rule("merged", "published", "merge"),
  rule("merged", "under_review", "merge"),
];

/** The statuses council staff can set by hand (the response templates are kept per status). */
export const STAFF_STATUSES = ["under_review", "accepted", "declined", "in_progress", "completed"] as const satisfies readonly IdeaStatus[];
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; message: string; params: Record<string, string> };

/** Whether `from -> to` is a change the lifecycle allows by this route, and what it requires. */
export function checkTransition(from: IdeaStatus, to: IdeaStatus, via: TransitionVia): TransitionCheck {
  const found = TRANSITIONS.find((r) => r.from === from && r.to === to && r.via === via);
  if (found) return { ok: true, rule: found };
  const byOthers = TRANSITIONS.find((r) => r.from === from && r.to === to);
  if (byOthers) return { ok: false, message: `errors.lifecycle.only.${byOthers.via}`, params: { from, to } };
  return { ok: false, message: "errors.lifecycle.notAllowed", params: { from, to } };
}

/** What council staff may move an idea to from its current status (the response form's choices). */
export function staffChoices(from: IdeaStatus): StaffStatus[] {
  return TRANSITIONS.filter((r) => r.from === from && r.via === "staff").map((r) => r.to as StaffStatus);
}

/** Statuses after which the city no longer owes a decision (the idea leaves the staff queue). */
export function isDecided(status: IdeaStatus) {
  return !["published", "under_review"].includes(status);
}
