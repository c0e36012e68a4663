import type { Actor } from "~/modules/commands/actor";
import type { Phase } from "./kinds";

/** Admins set cycles up, change their dates and close voting early. */
export const canManageBudgets = (actor: Pick<Actor, "role"> | null | undefined) => actor?.role === "admin";

/** Council staff and admins review submitted ideas, set costs and shortlist. */
export const canReviewProjects = (actor: Pick<Actor, "role"> | null | undefined) => actor?.role === "council" || actor?.role === "admin";

/** What eligibility needs to know about the person, read inside the ballot's transaction. */
export type VoterFacts = {
  suspended: boolean;
  silenced: boolean;
  verified: boolean;
  accountCreatedAt: Date;
  /** Their district as of the cycle's residency cutoff (not today's). */
  districtAtCutoff: number | null;
};

export type EnvelopeFacts = { districtId: number | null };

/**
 * Whether this person may vote in this envelope now: voting open, a confirmed account neither
 * suspended nor silenced, old enough for the cycle, and for a district envelope a resident of the
 * district at the cutoff. Returns the reason (a translation key) when not. Pure; the command
 * calls it inside the write, the pages to explain.
 */
export function voteRefusal(phase: Phase, cycle: { minAccountAgeDays: number }, envelope: EnvelopeFacts, voter: VoterFacts, now: Date): string | null {
  if (phase !== "voting") return phase === "tallied" || phase === "implementing" || phase === "closed" ? "errors.ballot.votingClosed" : "errors.ballot.votingNotOpen";
  if (voter.suspended) return "errors.refused.suspended";
  if (voter.silenced) return "errors.ballot.silenced";
  if (!voter.verified) return "errors.refused.unverified";
  if (cycle.minAccountAgeDays > 0 && now.getTime() - voter.accountCreatedAt.getTime() < cycle.minAccountAgeDays * 86_400_000) return "errors.ballot.accountTooNew";
  if (envelope.districtId !== null && voter.districtAtCutoff !== envelope.districtId) return "errors.ballot.notResident";
  return null;
}
