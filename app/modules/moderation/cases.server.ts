import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { prepared } from "#db/prepared";
import { moderationCases } from "#db/schema";
import { setCommentHiddenCore } from "~/modules/comments/commands.server";
import { getCommentRef } from "~/modules/comments/queries.server";
import type { DomainEvent, EventOf } from "~/modules/events/catalogue";
import { loadIdeaState, setIdeaHiddenCore } from "~/modules/ideas/state.server";
import { attachReportToCase, caseReportTotals } from "~/modules/reports/queries.server";
import type { ReportTarget } from "~/modules/reports/reasons";
import { getSiteSettings } from "~/modules/settings/queries.server";
import type { CaseKind, HiddenKind } from "./kinds";
import { reachesAutoHide } from "./scoring";

export type CaseRow = typeof moderationCases.$inferSelect;

/** What a case is about: its author, its idea, and whether it is hidden now and how. */
export function targetOf(db: Db, targetType: ReportTarget, targetId: number) {
  if (targetType === "idea") {
    const idea = loadIdeaState(db, targetId);
    return idea ? { authorId: idea.authorId, ideaId: idea.id, hiddenAt: idea.hiddenAt, hiddenKind: idea.hiddenKind } : null;
  }
  const comment = getCommentRef(db, targetId);
  return comment ? { authorId: comment.authorId, ideaId: comment.ideaId, hiddenAt: comment.hiddenAt, hiddenKind: comment.hiddenKind } : null;
}

const openCaseStatement = (db: Db) =>
  prepared(db, "moderation:open-case", () =>
    db
      .select()
      .from(moderationCases)
      .where(and(eq(moderationCases.targetType, sql.placeholder("targetType")), eq(moderationCases.targetId, sql.placeholder("targetId")), eq(moderationCases.status, "open")))
      .prepare(),
  );

export function findOpenCase(db: Db, targetType: ReportTarget, targetId: number): CaseRow | null {
  return openCaseStatement(db).get({ targetType, targetId }) ?? null;
}

/** The open case of an item, opened now if there is none (the unique open-case index keeps it one). */
export function openCase(tx: Tx, target: { targetType: ReportTarget; targetId: number; ideaId: number; authorId: string }, kind: CaseKind, extra: { reviewOfDecisionId?: number } = {}, now = new Date()) {
  const existing = findOpenCase(tx, target.targetType, target.targetId);
  if (existing) return existing;
  return tx
    .insert(moderationCases)
    .values({ ...target, kind, spamSignals: [], openedAt: now, reviewOfDecisionId: extra.reviewOfDecisionId ?? null })
    .returning()
    .get();
}

/** Hides or shows an item through the module that owns it. */
export function setHidden(tx: Tx, targetType: ReportTarget, targetId: number, hidden: { reason: string; kind: HiddenKind } | null) {
  return targetType === "idea" ? setIdeaHiddenCore(tx, targetId, hidden) : setCommentHiddenCore(tx, targetId, hidden);
}

/**
 * A new report joins its item's case (opened if needed), whose score and count follow its
 * reports; when they reach the admins' auto-hide rule the item is hidden pending review, once.
 * Runs in the report's transaction (an in-transaction subscriber).
 */
export function fileReportInCase(tx: Tx, event: EventOf<"report.filed">, now = new Date()): DomainEvent[] {
  const target = targetOf(tx, event.targetType, event.targetId);
  if (!target) return [];
  const found = openCase(tx, { targetType: event.targetType, targetId: event.targetId, ideaId: target.ideaId, authorId: target.authorId }, "reports", {}, now);
  attachReportToCase(tx, event.reportId, found.id);
  const totals = caseReportTotals(tx, found.id);
  const autoHide = !found.autoHiddenAt && !target.hiddenAt && reachesAutoHide(totals, getSiteSettings(tx).autoHide);
  tx.update(moderationCases)
    .set({ score: totals.weight, reportCount: totals.reports, lastReportAt: now, ...(autoHide ? { autoHiddenAt: now } : {}) })
    .where(eq(moderationCases.id, found.id))
    .run();
  if (!autoHide) return [];
  setHidden(tx, event.targetType, event.targetId, { reason: "", kind: "auto" });
  return [{ type: "content.hidden", targetType: event.targetType, targetId: event.targetId, ideaId: target.ideaId, authorId: target.authorId, reason: "", kind: "auto", actorId: null, caseId: found.id }];
}

/** What a case is about, for the modules that react to its decision (notifications). */
export function caseSummary(db: Db, caseId: number) {
  return db.select({ targetType: moderationCases.targetType, targetId: moderationCases.targetId, ideaId: moderationCases.ideaId, kind: moderationCases.kind }).from(moderationCases).where(eq(moderationCases.id, caseId)).get() ?? null;
}
