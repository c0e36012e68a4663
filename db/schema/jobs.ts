import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One row per scheduled job and period (the monthly pick of "2026-11", the digest of a day):
 * inserted in the transaction that does the job's work, so a job runs once per period however
 * often the server restarts or the scheduler fires.
 */
export const scheduledRuns = sqliteTable(
  "scheduled_runs",
  {
    job: text("job").notNull(),
    period: text("period").notNull(),
    ranAt: integer("ran_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);
