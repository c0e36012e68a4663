import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { notifications } from "#db/schema";
import { getCommentNotice } from "~/modules/comments/queries.server";
import type { Locale } from "~/modules/i18n/config";
import { getTimelineText, ideasForReader } from "~/modules/ideas/audience.server";
import { listDisplayNames } from "~/modules/users/queries.server";
import type { NotificationGroup } from "./groups";

type Data = Record<string, string | number | null>;

/**
 * What a notification's e-mail says, read when it is sent (so an idea hidden or a comment
 * deleted meanwhile is not mailed), or why it is not sent.
 */
export function notificationMailData(db: Db, notificationId: number, recipientId: string, locale: Locale): { data: Data; group: NotificationGroup } | { skip: string } {
  const n = prepared(db, "notifications:by-id", () =>
    db
      .select()
      .from(notifications)
      .where(eq(notifications.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: notificationId });
  if (!n || n.userId !== recipientId) return { skip: "gone" };
  const ideaIds = [n.ideaId, typeof n.data.originalId === "number" ? n.data.originalId : null].filter((id): id is number => id !== null);
  const ideas = ideasForReader(db, ideaIds, recipientId);
  const idea = n.ideaId ? ideas.get(n.ideaId) : undefined;
  if (n.ideaId && !idea?.visible && n.kind !== "report_outcome") return { skip: "hidden" };
  const data: Data = { notificationKind: n.kind, ideaId: n.ideaId, ideaTitle: idea?.title ?? null, own: idea?.authorId === recipientId ? 1 : 0, count: n.count, page: n.data.page ?? 1 };
  if (typeof n.data.announcementId === "number") data.announcementId = n.data.announcementId;
  for (const key of ["reason", "hiddenKind", "targetType", "action", "cycle", "cycleName", "endsAt", "timeZone", "title", "link"] as const) if (typeof n.data[key] === "string") data[key] = n.data[key];
  if (n.commentId && !data.commentId) data.commentId = n.commentId;
  if (n.actorId) data.actorName = listDisplayNames(db, [n.actorId]).get(n.actorId) ?? null;
  if (n.commentId && (n.kind === "comment_reply" || n.kind === "idea_comments")) {
    const comment = getCommentNotice(db, n.commentId);
    if (!comment) return { skip: "hidden" };
    Object.assign(data, { commentId: n.commentId, excerpt: comment.excerpt });
  }
  if (typeof n.data.timelineId === "number") {
    const entry = getTimelineText(db, n.data.timelineId);
    if (entry) Object.assign(data, { status: n.data.from !== n.data.to ? (entry.toStatus ?? null) : null, department: (locale === "fr" ? entry.departmentFr : entry.departmentEn) ?? null, responseHtml: entry.bodyHtml, responseText: entry.body });
  }
  if (typeof n.data.originalId === "number") {
    const original = ideas.get(n.data.originalId);
    Object.assign(data, { originalId: n.data.originalId, originalTitle: original?.visible ? original.title : null });
  }
  return { data, group: n.group };
}
