import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { EMAIL_CHOICES, EMAIL_FATES, NOTIFICATION_GROUPS, NOTIFICATION_KINDS } from "../../app/modules/notifications/groups";
import { users } from "./users";

/**
 * In-app notifications, newest first per person. `ideaId`/`commentId` point at what it is about
 * (its title is read when shown, so an edit or a hiding shows through); `count` groups repeated
 * events ("5 new comments on ...") while the notification is unread. `emailFate` says what became
 * of its e-mail (sent, folded into the digest, off by choice, no address).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    group: text("group_name", { enum: NOTIFICATION_GROUPS }).notNull(),
    ideaId: integer("idea_id"),
    commentId: integer("comment_id"),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    data: text("data", { mode: "json" }).$type<Record<string, string | number | null>>().notNull(),
    count: integer("count").notNull().default(1),
    emailFate: text("email_fate", { enum: EMAIL_FATES }).notNull(),
    digestedAt: integer("digested_at", { mode: "timestamp" }),
    readAt: integer("read_at", { mode: "timestamp" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.updatedAt, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_digest_idx").on(t.userId, t.createdAt).where(sql`${t.emailFate} = 'digest' and ${t.digestedAt} is null`),
    // One open "new comments" notification per person and idea: the next comment adds to its count
    // until it is read or mailed in a digest (then the next one starts a new notification).
    uniqueIndex("notifications_grouped_idx")
      .on(t.userId, t.kind, t.ideaId)
      .where(sql`${t.readAt} is null and ${t.digestedAt} is null and ${t.kind} = 'idea_comments'`),
  ],
);

/** A person's e-mail choice per group; a missing row means the group's default. */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    group: text("group_name", { enum: NOTIFICATION_GROUPS }).notNull(),
    email: text("email", { enum: EMAIL_CHOICES }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.group] })],
);
