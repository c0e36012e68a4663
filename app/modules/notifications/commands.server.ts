import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { notifications } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { readToken } from "~/modules/links/signed-token.server";
import { loadStanding } from "~/modules/users/standing.server";
import { NOTIFICATION_GROUPS, type NotificationGroup } from "./groups";
import { writeEmailChoices } from "./preferences.server";
import type { EmailChoices } from "./validation";

/** Marks one of the person's own notifications read (someone else's is not found). */
export function markNotificationRead(db: Db, actor: Actor, notificationId: number, now = new Date()): Outcome<null> {
  return runCommand(db, (tx) => {
    const row = tx.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.id, notificationId)).get();
    if (!row || row.userId !== actor.id) return refuse("notFound");
    tx.update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.id, notificationId), isNull(notifications.readAt)))
      .run();
    return done(null);
  });
}

export function markAllNotificationsRead(db: Db, actor: Actor, now = new Date()): Outcome<{ marked: number }> {
  return runCommand(db, (tx) => {
    const { changes } = tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
      .run();
    return done({ marked: changes });
  });
}

/** The person's e-mail choices, every group at once (the preferences page). */
export function saveEmailChoices(db: Db, actor: Actor, choices: EmailChoices): Outcome<null> {
  return runCommand(db, (tx) => {
    if (!loadStanding(tx, actor.id)) return refuse("forbidden");
    writeEmailChoices(tx, actor.id, choices);
    return done(null);
  });
}

/** Whose preference an unsubscribe link changes, and which groups; null for a forged or broken link. */
export function readUnsubscribeToken(token: unknown): { userId: string; groups: NotificationGroup[] } | null {
  const payload = readToken("unsubscribe", token);
  if (!payload || typeof payload.u !== "string" || typeof payload.g !== "string") return null;
  const groups = payload.g.split(",").filter((g): g is NotificationGroup => (NOTIFICATION_GROUPS as readonly string[]).includes(g));
  return groups.length ? { userId: payload.u, groups } : null;
}

/**
 * One-click unsubscribe: turns off e-mail for the groups the link was made for, for the person it
 * was made for, and nothing else. Works without signing in: the signature is the authority.
 */
export function unsubscribeByToken(db: Db, token: unknown): Outcome<{ groups: NotificationGroup[] }> {
  const target = readUnsubscribeToken(token);
  if (!target) return refuse("invalid", { message: "errors.unsubscribeInvalid" });
  return runCommand(db, (tx) => {
    if (!loadStanding(tx, target.userId)) return refuse("invalid", { message: "errors.unsubscribeInvalid" });
    writeEmailChoices(tx, target.userId, Object.fromEntries(target.groups.map((g) => [g, "off"])));
    return done({ groups: target.groups });
  });
}
