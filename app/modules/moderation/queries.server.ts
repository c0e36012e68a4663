import { and, asc, count, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { moderationCases, moderationDecisions } from "#db/schema";
import { getCommentForModeration, listCommentsForModeration } from "~/modules/comments/queries.server";
import { getIdeaForModeration, listIdeasForModeration } from "~/modules/ideas/audience.server";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { caseHasReasonCondition, listCaseReports, listReasonsOfCases } from "~/modules/reports/queries.server";
import { listPeopleForModeration } from "~/modules/users/queries.server";
import { LIKELY_SPAM, REVIEWABLE_DECISIONS, type Decision } from "./kinds";
import type { CaseQueueQuery } from "./validation";

export const CASES_PAGE_SIZE = 20;
export const LOG_PAGE_SIZE = 30;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** How many earlier decisions went against each person (hidden or sent back), for the queue's author column. */
function priorOutcomes(db: Db, userIds: string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map<string, number>();
  const rows = prepared(db, `moderation:prior:${ids.length}`, () =>
    db
      .select({ subjectId: moderationDecisions.subjectId, n: count() })
      .from(moderationDecisions)
      .where(and(inList(moderationDecisions.subjectId, ids.length), inArray(moderationDecisions.action, ["hidden", "needs_changes", "silenced"])))
      .groupBy(moderationDecisions.subjectId)
      .prepare(),
  ).all(listParams(ids));
  return new Map(rows.map((r) => [r.subjectId!, r.n]));
}

const SORTS: Record<CaseQueueQuery["sort"], SQL[]> = {
  score: [desc(moderationCases.score), desc(moderationCases.id)],
  reports: [desc(moderationCases.reportCount), desc(moderationCases.id)],
  oldest: [asc(moderationCases.openedAt), asc(moderationCases.id)],
  spam: [desc(moderationCases.spamScore), desc(moderationCases.id)],
};

/**
 * The moderators' queue: one row per open case, by weighted score (default), number of reports,
 * age or spam signal, filtered by reason, kind of content and likely spam; each with the content
 * in short, its author's standing and history, and the reports' reasons and notes.
 */
export function listCases(db: Db, query: CaseQueueQuery) {
  const rows = db
    .select()
    .from(moderationCases)
    .where(
      and(
        eq(moderationCases.status, "open"),
        query.type ? eq(moderationCases.targetType, query.type) : undefined,
        query.spam ? gte(moderationCases.spamScore, LIKELY_SPAM) : undefined,
        query.reason ? caseHasReasonCondition(sql`${moderationCases.id}`, query.reason) : undefined,
      ),
    )
    .orderBy(...SORTS[query.sort])
    .limit(CASES_PAGE_SIZE + 1)
    .offset((query.page - 1) * CASES_PAGE_SIZE)
    .all();
  const page = rows.slice(0, CASES_PAGE_SIZE);
  const comments = listCommentsForModeration(db, page.filter((c) => c.targetType === "comment").map((c) => c.targetId));
  const ideas = listIdeasForModeration(db, page.map((c) => c.ideaId));
  const people = listPeopleForModeration(db, page.map((c) => c.authorId));
  const prior = priorOutcomes(db, page.map((c) => c.authorId));
  const reasons = listReasonsOfCases(db, page.map((c) => c.id));
  return {
    hasNext: rows.length > CASES_PAGE_SIZE,
    cases: page.map((c) => {
      const idea = ideas.get(c.ideaId);
      const comment = c.targetType === "comment" ? comments.get(c.targetId) : undefined;
      const author = people.get(c.authorId);
      const hidden = c.targetType === "idea" ? idea : comment;
      return {
        id: c.id,
        kind: c.kind,
        targetType: c.targetType,
        targetId: c.targetId,
        ideaId: c.ideaId,
        ideaTitle: idea?.title ?? "",
        excerpt: c.targetType === "idea" ? (idea?.excerpt ?? "") : (comment?.excerpt ?? ""),
        hiddenKind: hidden?.hiddenAt ? (hidden.hiddenKind ?? "moderator") : null,
        score: c.score,
        reportCount: c.reportCount,
        spamScore: c.spamScore,
        spamSignals: c.spamSignals.filter((s) => s !== "none"),
        openedAt: c.openedAt.toISOString(),
        author: author ? { id: author.id, name: author.name, since: author.createdAt.toISOString(), priorOutcomes: prior.get(author.id) ?? 0, silencedUntil: iso(author.silencedUntil), suspended: !!author.suspendedAt } : null,
        reasons: reasons.get(c.id)?.reasons ?? [],
        notes: reasons.get(c.id)?.notes ?? [],
      };
    }),
  };
}

/** The backlog at a glance: open cases and how long the oldest has waited. */
export function countOpenCases(db: Db) {
  const row = prepared(db, "moderation:open-count", () =>
    db
      .select({ open: sql<number>`count(*)`, oldest: sql<number | null>`min(${moderationCases.openedAt})` })
      .from(moderationCases)
      .where(eq(moderationCases.status, "open"))
      .prepare(),
  ).get()!;
  return { open: row.open, oldestOpenedAt: row.oldest === null ? null : new Date(row.oldest * 1000).toISOString() };
}

/** One case for the moderator deciding it: the content in full, every report with its reporter, the author's history. */
export function getCase(db: Db, caseId: number) {
  const c = db.select().from(moderationCases).where(eq(moderationCases.id, caseId)).get();
  if (!c) return null;
  const idea = getIdeaForModeration(db, c.ideaId);
  const comment = c.targetType === "comment" ? getCommentForModeration(db, c.targetId) : null;
  const state = c.targetType === "idea" ? listIdeasForModeration(db, [c.ideaId]).get(c.ideaId) : listCommentsForModeration(db, [c.targetId]).get(c.targetId);
  const author = listPeopleForModeration(db, [c.authorId]).get(c.authorId);
  const history = db
    .select({ id: moderationDecisions.id, action: moderationDecisions.action, targetType: moderationDecisions.targetType, publicReason: moderationDecisions.publicReason, createdAt: moderationDecisions.createdAt })
    .from(moderationDecisions)
    .where(eq(moderationDecisions.subjectId, c.authorId))
    .orderBy(desc(moderationDecisions.id))
    .limit(10)
    .all();
  const reviewOf = c.reviewOfDecisionId ? (db.select().from(moderationDecisions).where(eq(moderationDecisions.id, c.reviewOfDecisionId)).get() ?? null) : null;
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    targetType: c.targetType,
    targetId: c.targetId,
    ideaId: c.ideaId,
    authorId: c.authorId,
    score: c.score,
    reportCount: c.reportCount,
    spamScore: c.spamScore,
    spamSignals: c.spamSignals.filter((s) => s !== "none"),
    openedAt: c.openedAt.toISOString(),
    autoHiddenAt: iso(c.autoHiddenAt),
    decidedAt: iso(c.decidedAt),
    ideaTitle: idea?.title ?? "",
    ideaStatus: idea?.status ?? null,
    html: renderMarkdown(c.targetType === "idea" ? (idea?.body ?? "") : (comment?.body ?? "")),
    hidden: state?.hiddenAt ? { kind: state.hiddenKind ?? "moderator", reason: state.hiddenReason } : null,
    author: author ? { id: author.id, name: author.name, role: author.role, since: author.createdAt.toISOString(), silencedUntil: iso(author.silencedUntil), suspended: !!author.suspendedAt } : null,
    history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    reviewOf: reviewOf ? { action: reviewOf.action, publicReason: reviewOf.publicReason, moderatorId: reviewOf.moderatorId, createdAt: reviewOf.createdAt.toISOString() } : null,
    reports: listCaseReports(db, c.id),
  };
}

/** The public moderation log, newest first: when, what was done, why, to what kind of content. No names. */
export function listModerationLog(db: Db, page: number) {
  const rows = prepared(db, "moderation:log", () =>
    db
      .select({ id: moderationDecisions.id, action: moderationDecisions.action, targetType: moderationDecisions.targetType, publicReason: moderationDecisions.publicReason, createdAt: moderationDecisions.createdAt })
      .from(moderationDecisions)
      .orderBy(desc(moderationDecisions.createdAt), desc(moderationDecisions.id))
      .limit(LOG_PAGE_SIZE + 1)
      .offset(sql.placeholder("offset"))
      .prepare(),
  ).all({ offset: (page - 1) * LOG_PAGE_SIZE });
  return { entries: rows.slice(0, LOG_PAGE_SIZE).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), hasNext: rows.length > LOG_PAGE_SIZE };
}

/**
 * The decisions a person may still ask to have reviewed, by item ("idea:12", "comment:34"): the
 * latest decision on each of their items, when it hid the item and no review was asked yet.
 */
export function listReviewableDecisions(db: Db, userId: string) {
  // On every signed-in idea page: both reads are prepared once per connection.
  const rows = prepared(db, "moderation:decisions-of", () =>
    db
      .select({ id: moderationDecisions.id, action: moderationDecisions.action, targetType: moderationDecisions.targetType, targetId: moderationDecisions.targetId, reviewRequestedAt: moderationDecisions.reviewRequestedAt })
      .from(moderationDecisions)
      .where(and(eq(moderationDecisions.subjectId, sql.placeholder("userId")), sql`${moderationDecisions.targetType} in ('idea', 'comment')`))
      .orderBy(asc(moderationDecisions.id))
      .prepare(),
  ).all({ userId });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(`${r.targetType}:${r.targetId}`, r);
  const open = new Set(
    prepared(db, "moderation:open-cases-of", () =>
      db
        .select({ t: moderationCases.targetType, i: moderationCases.targetId })
        .from(moderationCases)
        .where(and(eq(moderationCases.status, "open"), eq(moderationCases.authorId, sql.placeholder("userId"))))
        .prepare(),
    )
      .all({ userId })
      .map((c) => `${c.t}:${c.i}`),
  );
  const reviewable: Record<string, number> = {};
  for (const [key, r] of latest) if (REVIEWABLE_DECISIONS.includes(r.action as Decision) && !r.reviewRequestedAt && !open.has(key)) reviewable[key] = r.id;
  return reviewable;
}
