import type { Tx } from "#db/client";
import { scheduledRuns } from "#db/schema";

/**
 * Claims a job's period inside the transaction that does the job's work: true the first time,
 * false ever after. The work commits with the claim or not at all, so a restart, a second
 * process or a late catch-up never runs a period twice.
 */
export function claimRun(tx: Tx, job: string, period: string, now = new Date()) {
  return tx.insert(scheduledRuns).values({ job, period, ranAt: now }).onConflictDoNothing().returning({ job: scheduledRuns.job }).all().length === 1;
}
