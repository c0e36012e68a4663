import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { mailMessages, notificationPreferences, notifications } from "#db/schema";

/** A person's notifications and e-mail choices, for their data export. */
export function personalNotificationData(db: Db, userId: string) {
  return {
    notifications: db
      .select({ kind: notifications.kind, ideaId: notifications.ideaId, commentId: notifications.commentId, count: notifications.count, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .all(),
    emailChoices: db.select({ group: notificationPreferences.group, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).all(),
  };
}

/** What goes with a deleted account: notifications, choices, and what the outbox says about them. */
export function erasePersonalNotificationData(tx: Tx, userId: string) {
  tx.delete(notifications).where(eq(notifications.userId, userId)).run();
  tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId)).run();
  // The outbox keeps that a message existed (its attempts), not to whom or what it said.
  tx.update(mailMessages).set({ toAddress: null, data: {} }).where(eq(mailMessages.userId, userId)).run();
}
