import { and, count, desc, eq, inArray, isNull, max } from "drizzle-orm";
import type { Db } from "#db/client";
import { reports } from "#db/schema";
import type { ReportReason, ReportTarget } from "./reasons";

export const REPORT_GROUPS_PAGE_SIZE = 25;

/** Open reports, one row per reported item, most reported first, with the reasons given. */
export function listOpenReportGroups(db: Db, page: number) {
  const rows = db
    .select({ targetType: reports.targetType, targetId: reports.targetId, reports: count(), lastAt: max(reports.createdAt) })
    .from(reports)
    .where(isNull(reports.resolvedAt))
    .groupBy(reports.targetType, reports.targetId)
    .orderBy(desc(count()), desc(max(reports.createdAt)), desc(reports.targetId))
    .limit(REPORT_GROUPS_PAGE_SIZE + 1)
    .offset((page - 1) * REPORT_GROUPS_PAGE_SIZE)
    .all();
  const pageRows = rows.slice(0, REPORT_GROUPS_PAGE_SIZE);
  const reasons = new Map<string, Set<ReportReason>>();
  for (const type of ["idea", "comment"] as const) {
    const ids = pageRows.filter((r) => r.targetType === type).map((r) => r.targetId);
    if (ids.length === 0) continue;
    const found = db
      .selectDistinct({ targetId: reports.targetId, reason: reports.reason })
      .from(reports)
      .where(and(eq(reports.targetType, type), isNull(reports.resolvedAt), inArray(reports.targetId, ids)))
      .all();
    for (const r of found) reasons.set(`${type}:${r.targetId}`, (reasons.get(`${type}:${r.targetId}`) ?? new Set()).add(r.reason));
  }
  return {
    rows: pageRows.map((r) => ({ ...r, targetType: r.targetType as ReportTarget, lastAt: r.lastAt ? new Date(r.lastAt).toISOString() : null, reasons: [...(reasons.get(`${r.targetType}:${r.targetId}`) ?? [])] })),
    hasNext: rows.length > REPORT_GROUPS_PAGE_SIZE,
  };
}

/** How many items have open reports (the moderators' backlog). */
export function countOpenReportedItems(db: Db) {
  return db.select({ n: count() }).from(db.select({ t: reports.targetType, i: reports.targetId }).from(reports).where(isNull(reports.resolvedAt)).groupBy(reports.targetType, reports.targetId).as("open")).get()?.n ?? 0;
}
