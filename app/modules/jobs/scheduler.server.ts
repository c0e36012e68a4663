import { Cron } from "croner";
import type { Db } from "#db/client";
import { runVotingReminders } from "~/modules/budgets/reminders.server";
import { pickMonthlyTopIdeas } from "~/modules/ideas/queue.server";
import { DIGEST_HOUR, runDailyDigest } from "~/modules/notifications/digest.server";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { log } from "~/utils/log.server";
import { runScheduledBackup } from "./backups.server";
import { monthOf, monthRange, previousMonth } from "./calendar";

type Job = { name: string; pattern: string; run: (db: Db, now: Date) => void };

/** The month that just ended gets its pick (run at the start of each month, and caught up at start-up). */
export function runMonthlyPick(db: Db, now = new Date()) {
  const timeZone = getSiteSettings(db).timeZone;
  const period = previousMonth(monthOf(now, timeZone));
  const outcome = pickMonthlyTopIdeas(db, period, monthRange(period, timeZone));
  if (outcome.ok && outcome.value.picked.length) log.info("monthly pick", { period, ideas: outcome.value.picked.length });
}

/** The server's scheduled jobs. Each is idempotent per period (app/modules/jobs/runs.server.ts). */
export const JOBS: Job[] = [
  { name: "monthly-top", pattern: "5 0 1 * *", run: runMonthlyPick },
  { name: "daily-digest", pattern: `0 ${DIGEST_HOUR} * * *`, run: (db, now) => void runDailyDigest(db, now) },
  { name: "voting-reminders", pattern: "*/10 * * * *", run: runVotingReminders },
  // Every hour it looks whether a backup is due (only when BACKUP_DIR is set).
  { name: "scheduled-backup", pattern: "17 * * * *", run: (db, now) => void runScheduledBackup(db, now) },
];

const started = globalThis as { civicScheduler?: Cron[] };

/**
 * Starts the in-process scheduler once per process (development reloads included), after
 * catching up on a period missed while the server was down.
 */
export function startScheduler(db: Db) {
  if (started.civicScheduler) return;
  const timeZone = getSiteSettings(db).timeZone;
  started.civicScheduler = JOBS.map(
    (job) =>
      new Cron(job.pattern, { timezone: timeZone, catch: (error) => log.error("scheduled job failed", { job: job.name, error }) }, () => job.run(db, new Date())),
  );
  for (const job of JOBS) {
    try {
      job.run(db, new Date());
    } catch (error) {
      log.error("scheduled job catch-up failed", { job: job.name, error });
    }
  }
}
