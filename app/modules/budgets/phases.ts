import type { Phase } from "./kinds";

/** The dates that decide a cycle's phase (client-safe). */
export type CycleDates = {
  collectingAt: Date;
  reviewingAt: Date;
  votingAt: Date;
  votingEndsAt: Date;
  votingClosedEarlyAt: Date | null;
  implementingAt: Date | null;
  closedAt: Date | null;
};

/** When voting really ends: at its date, or earlier if an admin closed it. */
export function votingEnd(cycle: Pick<CycleDates, "votingEndsAt" | "votingClosedEarlyAt">) {
  return cycle.votingClosedEarlyAt && cycle.votingClosedEarlyAt < cycle.votingEndsAt ? cycle.votingClosedEarlyAt : cycle.votingEndsAt;
}

/**
 * The phase at `now`, from the server clock alone: no job has to run for voting to open or close.
 * Each phase starts at its date and lasts until the next one's.
 */
export function phaseAt(cycle: CycleDates, now: Date): Phase {
  if (cycle.closedAt && now >= cycle.closedAt) return "closed";
  if (cycle.implementingAt && now >= cycle.implementingAt) return "implementing";
  if (now >= votingEnd(cycle)) return "tallied";
  if (now >= cycle.votingAt) return "voting";
  if (now >= cycle.reviewingAt) return "reviewing";
  if (now >= cycle.collectingAt) return "collecting";
  return "draft";
}

/** The order the dates must keep; the first broken pair names the field to fix. */
export function checkDateOrder(cycle: CycleDates): { field: keyof CycleDates; message: string } | null {
  const order: (keyof CycleDates)[] = ["collectingAt", "reviewingAt", "votingAt", "votingEndsAt"];
  for (let i = 1; i < order.length; i++) {
    if ((cycle[order[i]] as Date) <= (cycle[order[i - 1]] as Date)) return { field: order[i], message: "errors.budget.dateOrder" };
  }
  if (cycle.implementingAt && cycle.implementingAt < cycle.votingEndsAt) return { field: "implementingAt", message: "errors.budget.dateOrder" };
  if (cycle.closedAt && cycle.closedAt <= (cycle.implementingAt ?? cycle.votingEndsAt)) return { field: "closedAt", message: "errors.budget.dateOrder" };
  return null;
}
