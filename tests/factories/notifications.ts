import { eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { comments, ideaTimeline, notifications } from "#db/schema";

/**
 * Gives every notification the time of what it is about (the timeline entry, the comment), for
 * data whose history was moved into the past after the fact (the demo city).
 */
export function backdateNotifications(db: Db) {
  const rows = db.select({ id: notifications.id, commentId: notifications.commentId, data: notifications.data }).from(notifications).all();
  const entryIds = rows.flatMap((r) => (typeof r.data.timelineId === "number" ? [r.data.timelineId] : []));
  const commentIds = rows.flatMap((r) => (r.commentId ? [r.commentId] : []));
  const entries = new Map(entryIds.length ? db.select({ id: ideaTimeline.id, at: ideaTimeline.createdAt }).from(ideaTimeline).where(inArray(ideaTimeline.id, entryIds)).all().map((e) => [e.id, e.at]) : []);
  const posted = new Map(commentIds.length ? db.select({ id: comments.id, at: comments.createdAt }).from(comments).where(inArray(comments.id, commentIds)).all().map((c) => [c.id, c.at]) : []);
  db.$client.transaction(() => {
    for (const r of rows) {
      const at = (typeof r.data.timelineId === "number" ? entries.get(r.data.timelineId) : undefined) ?? (r.commentId ? posted.get(r.commentId) : undefined);
      if (at) db.update(notifications).set({ createdAt: at, updatedAt: at }).where(eq(notifications.id, r.id)).run();
    }
  })();
}
