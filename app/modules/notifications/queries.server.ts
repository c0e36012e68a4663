import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { notifications } from "#db/schema";
import { ideasForReader } from "~/modules/ideas/audience.server";
import { listDisplayNames } from "~/modules/users/queries.server";
import { UNREAD_CAP } from "./groups";

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** Unread notifications, up to one past the cap, for the bell in the header (every page, so prepared). */
export function countUnread(db: Db, userId: string) {
  return prepared(db, "notifications:unread", () =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(sql`(select 1 from ${notifications} where ${notifications.userId} = ${sql.placeholder("userId")} and ${notifications.readAt} is null limit ${UNREAD_CAP + 1}) as unread`)
      .prepare(),
  ).get({ userId })!.n;
}

/**
 * A page of the person's notifications, newest first (a grouped one moves up when it grows),
 * with what each is about as the reader may see it: the idea's title while it is shown (always
 * to its author), the other person's name.
 */
export function listNotifications(db: Db, userId: string, page: number) {
  const rows = prepared(db, "notifications:page", () =>
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        ideaId: notifications.ideaId,
        commentId: notifications.commentId,
        actorId: notifications.actorId,
        data: notifications.data,
        count: notifications.count,
        readAt: notifications.readAt,
        updatedAt: notifications.updatedAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, sql.placeholder("userId")))
      .orderBy(desc(notifications.updatedAt), desc(notifications.id))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset(sql.placeholder("offset"))
      .prepare(),
  ).all({ userId, offset: (page - 1) * NOTIFICATIONS_PAGE_SIZE });
  const [{ total }] = db.select({ total: count() }).from(notifications).where(eq(notifications.userId, userId)).all();
  const unread = db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).get()!.n;
  const ideaIds = rows.flatMap((r) => [r.ideaId, typeof r.data.originalId === "number" ? r.data.originalId : null]).filter((id): id is number => id !== null);
  const ideas = ideasForReader(db, ideaIds, userId);
  const names = listDisplayNames(db, rows.flatMap((r) => (r.actorId ? [r.actorId] : [])));
  return {
    total,
    unread,
    pageSize: NOTIFICATIONS_PAGE_SIZE,
    items: rows.map((r) => {
      const idea = r.ideaId ? ideas.get(r.ideaId) : undefined;
      const original = typeof r.data.originalId === "number" ? ideas.get(r.data.originalId) : undefined;
      return {
        id: r.id,
        kind: r.kind,
        count: r.count,
        read: r.readAt !== null,
        at: r.updatedAt.toISOString(),
        ideaTitle: idea?.visible ? idea.title : null,
        own: idea?.authorId === userId,
        actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
        status: typeof r.data.to === "string" && r.data.from !== r.data.to ? r.data.to : null,
        // Moderation: the public reason, how it was hidden, what was reported and what became of it.
        reason: typeof r.data.reason === "string" ? r.data.reason : null,
        hiddenKind: typeof r.data.hiddenKind === "string" ? r.data.hiddenKind : null,
        targetType: r.data.targetType === "comment" ? ("comment" as const) : ("idea" as const),
        action: typeof r.data.action === "string" ? r.data.action : null,
        originalTitle: original?.visible ? original.title : null,
        // A ballot's receipt: the cycle and envelope it was cast in, its code and time (never its choices).
        announcement: r.kind === "announcement" ? String(r.data.title ?? "") : null,
        budget: BUDGET_KINDS.includes(r.kind)
          ? { cycleName: String(r.data.cycleName ?? ""), envelopeEn: (r.data.envelopeEn as string | null) ?? null, envelopeFr: (r.data.envelopeFr as string | null) ?? null, code: String(r.data.code ?? ""), castAt: String(r.data.castAt ?? ""), endsAt: String(r.data.endsAt ?? "") }
          : null,
        href: hrefOf(r, idea?.visible ?? false, original?.visible ?? false),
      };
    }),
  };
}

// A budget's notices: about a cycle, not an idea.
const BUDGET_KINDS: readonly string[] = ["ballot_recorded", "voting_opened", "voting_closing", "results_published"];

/** Where a notification leads: the comment, the timeline, the idea merged into; nowhere if no longer shown. */
function hrefOf(r: { kind: string; ideaId: number | null; commentId: number | null; data: Record<string, string | number | null> }, ideaVisible: boolean, originalVisible: boolean) {
  if (r.kind === "ballot_recorded") return typeof r.data.cycle === "string" ? `/budgets/${r.data.cycle}/ballot` : null;
  if (r.kind === "results_published") return typeof r.data.cycle === "string" ? `/budgets/${r.data.cycle}/results` : null;
  if (r.kind === "voting_opened" || r.kind === "voting_closing") return typeof r.data.cycle === "string" ? `/budgets/${r.data.cycle}/vote` : null;
  if (r.kind === "announcement") return typeof r.data.link === "string" ? r.data.link : `/announcements#announcement-${r.data.announcementId}`;
  if (r.kind === "project_update") return r.ideaId && ideaVisible ? `/projects/${r.ideaId}#updates` : null;
  if (r.kind === "idea_merged") return originalVisible ? `/ideas/${r.data.originalId}` : null;
  if (!r.ideaId || !ideaVisible) return null;
  if (r.commentId) return `/ideas/${r.ideaId}?page=${r.data.page ?? 1}#comment-${r.commentId}`;
  return `/ideas/${r.ideaId}#timeline`;
}

export type NotificationItem = ReturnType<typeof listNotifications>["items"][number];
