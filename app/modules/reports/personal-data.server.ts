import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { reports } from "#db/schema";

/** The reports a person filed, for their data export. */
export function personalReportData(db: Db, userId: string) {
  return db
    .select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, note: reports.note, outcome: reports.outcome, createdAt: reports.createdAt })
    .from(reports)
    .where(eq(reports.reporterId, userId))
    .all();
}
