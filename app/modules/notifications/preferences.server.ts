import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { notificationPreferences } from "#db/schema";
import { DEFAULT_EMAIL, NOTIFICATION_GROUPS, type EmailChoice, type NotificationGroup } from "./groups";

/** A person's e-mail choice for one group (the group's default when they never chose). */
export function emailChoiceOf(db: Db, userId: string, group: NotificationGroup): EmailChoice {
  const row = prepared(db, "notifications:choice", () =>
    db
      .select({ email: notificationPreferences.email })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, sql.placeholder("userId")), eq(notificationPreferences.group, sql.placeholder("group"))))
      .prepare(),
  ).get({ userId, group });
  return row?.email ?? DEFAULT_EMAIL[group];
}

/** Every group with the person's choice, for the preferences page. */
export function listEmailChoices(db: Db, userId: string): Record<NotificationGroup, EmailChoice> {
  const chosen = new Map(db.select({ group: notificationPreferences.group, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).all().map((r) => [r.group, r.email]));
  return Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [g, chosen.get(g) ?? DEFAULT_EMAIL[g]])) as Record<NotificationGroup, EmailChoice>;
}

/** Writes choices (inside the caller's transaction). */
export function writeEmailChoices(db: Db, userId: string, choices: Partial<Record<NotificationGroup, EmailChoice>>, now = new Date()) {
  for (const [group, email] of Object.entries(choices) as [NotificationGroup, EmailChoice][]) {
    db.insert(notificationPreferences)
      .values({ userId, group, email, updatedAt: now })
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.group], set: { email, updatedAt: now } })
      .run();
  }
}

/** SQL for a recipient's choice in a group, defaulting as DEFAULT_EMAIL does (for set-based fan-out). */
export function emailChoiceSql(userIdColumn: ReturnType<typeof sql>, group: NotificationGroup) {
  return sql`coalesce((select ${notificationPreferences.email} from ${notificationPreferences} where ${notificationPreferences.userId} = ${userIdColumn} and ${notificationPreferences.group} = ${group}), ${DEFAULT_EMAIL[group]})`;
}
