import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { QueryBuilder } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { reports, users } from "#db/schema";
import type { ReportOutcome } from "~/modules/moderation/kinds";
import type { ReportReason } from "./reasons";

/** How a reporter's earlier reports were decided: the track record that weighs their next one. */
export function reporterTrackRecord(db: Db, reporterId: string) {
  const rows = prepared(db, "reports:track-record", () =>
    db
      .select({ outcome: reports.outcome, n: count() })
      .from(reports)
      .where(and(eq(reports.reporterId, sql.placeholder("reporterId")), sql`${reports.outcome} is not null`))
      .groupBy(reports.outcome)
      .prepare(),
  ).all({ reporterId });
  return { upheld: rows.find((r) => r.outcome === "upheld")?.n ?? 0, dismissed: rows.find((r) => r.outcome === "dismissed")?.n ?? 0 };
}

/** Puts a report in its moderation case (the moderation module owns cases; reports stay here). */
export function attachReportToCase(tx: Tx, reportId: number, caseId: number) {
  tx.update(reports).set({ caseId }).where(eq(reports.id, reportId)).run();
}

/** A case's reports in sum: their weight, their number, and how many reporters weigh anything. */
export function caseReportTotals(db: Db, caseId: number) {
  return prepared(db, "reports:case-totals", () =>
    db
      .select({
        weight: sql<number>`coalesce(sum(${reports.weight}), 0)`,
        reports: sql<number>`count(*)`,
        weightyReporters: sql<number>`coalesce(sum(${reports.weight} > 0), 0)`,
        lastAt: sql<number | null>`max(${reports.createdAt})`,
      })
      .from(reports)
      .where(eq(reports.caseId, sql.placeholder("caseId")))
      .prepare(),
  ).get({ caseId })!;
}

/** A decision's verdict on its case's open reports: they count in their reporters' track record. */
export function resolveCaseReports(tx: Tx, caseId: number, outcome: ReportOutcome, now = new Date()) {
  tx.update(reports)
    .set({ outcome, resolvedAt: now })
    .where(and(eq(reports.caseId, caseId), isNull(reports.resolvedAt)))
    .run();
}

/** The reasons and notes of some cases' reports, by case, for the queue (one query per page). */
export function listReasonsOfCases(db: Db, caseIds: number[]) {
  const byCase = new Map<number, { reasons: ReportReason[]; notes: string[] }>();
  if (caseIds.length === 0) return byCase;
  const rows = prepared(db, `reports:reasons:${caseIds.length}`, () =>
    db
      .select({ caseId: reports.caseId, reason: reports.reason, note: reports.note })
      .from(reports)
      .where(inList(reports.caseId, caseIds.length))
      .orderBy(asc(reports.id))
      .prepare(),
  ).all(listParams(caseIds));
  for (const r of rows) {
    const entry = byCase.get(r.caseId!) ?? { reasons: [], notes: [] };
    if (!entry.reasons.includes(r.reason)) entry.reasons.push(r.reason);
    if (r.note && entry.notes.length < 3) entry.notes.push(r.note);
    byCase.set(r.caseId!, entry);
  }
  return byCase;
}

/** Every report of a case with its reporter, for moderators only (reporters are never shown to anyone else). */
export function listCaseReports(db: Db, caseId: number) {
  return db
    .select({ id: reports.id, reason: reports.reason, note: reports.note, weight: reports.weight, outcome: reports.outcome, createdAt: reports.createdAt, reporterId: reports.reporterId, reporterName: users.displayName, reporterSince: users.createdAt })
    .from(reports)
    .innerJoin(users, eq(users.id, reports.reporterId))
    .where(eq(reports.caseId, caseId))
    .orderBy(asc(reports.id))
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), reporterSince: r.reporterSince.toISOString() }));
}

/** SQL: the case has a report with this reason (the queue's reason filter). */
export function caseHasReasonCondition(caseIdColumn: ReturnType<typeof sql>, reason: ReportReason) {
  return sql`exists (select 1 from ${reports} where ${reports.caseId} = ${caseIdColumn} and ${reports.reason} = ${reason})`;
}

/** Who learns a decision's outcome: the case's reporters (placeholder `caseId`). */
export const reportRecipients = {
  ofCase: (qb: QueryBuilder) =>
    qb
      .selectDistinct({ userId: sql<string>`${reports.reporterId}`.as("user_id") })
      .from(reports)
      .where(eq(reports.caseId, sql.placeholder("caseId"))),
};
