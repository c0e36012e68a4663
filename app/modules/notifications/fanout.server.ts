import { and, ne, sql } from "drizzle-orm";
import { QueryBuilder, type SQLiteSelect } from "drizzle-orm/sqlite-core";
import type { Tx } from "#db/client";
import { prepared } from "#db/prepared";
import { notificationPreferences, notifications } from "#db/schema";
import { enqueueMailStatement } from "~/modules/mail/outbox.server";
import { reachableUserCondition } from "~/modules/users/standing.server";
import { DEFAULT_EMAIL, type NotificationGroup, type NotificationKind } from "./groups";

/** A recipient set: a subquery of `userId`s reading named placeholders (see ideaRecipients). */
export type Recipients = (qb: QueryBuilder) => Pick<SQLiteSelect, "as">;

export type Notice = {
  kind: NotificationKind;
  group: NotificationGroup;
  ideaId: number | null;
  commentId?: number | null;
  actorId: string | null;
  data?: Record<string, string | number | null>;
  /** The values of the recipient subquery's placeholders. */
  params?: Record<string, string | number>;
};

type Options = {
  /** Repeated notices of this kind about one idea add to the unread one's count ("5 new comments"). */
  grouped?: boolean;
  /** E-mail goes whatever the person chose (a ballot receipt). */
  alwaysEmail?: boolean;
};

/**
 * The statement that notifies one recipient set: one INSERT ... SELECT over the people (never the
 * actor, never a suspended or deleted account), each row's e-mail fate read from the person's
 * choice for the group; it returns the rows, so the instant e-mails can be queued beside them.
 * Prepared once per recipient set and group.
 */
function fanoutStatement(tx: Tx, key: string, recipients: Recipients, group: NotificationGroup, options: Options) {
  return prepared(tx, `notifications:fanout:${key}:${group}`, () => {
    const qb = new QueryBuilder();
    const r = recipients(qb).as("r");
    // Qualified by hand: drizzle writes a select list's columns without their table.
    const recipient = sql`${sql.identifier("r")}.${sql.identifier("user_id")}`;
    const choice = sql`(select ${sql.identifier("p")}.${sql.identifier("email")} from ${notificationPreferences} as ${sql.identifier("p")} where ${sql.identifier("p")}.${sql.identifier("user_id")} = ${recipient} and ${sql.identifier("p")}.${sql.identifier("group_name")} = ${group})`;
    const fate = options.alwaysEmail ? sql<string>`'always'` : sql<string>`coalesce(${choice}, ${DEFAULT_EMAIL[group]})`;
    const now = sql<number>`${sql.placeholder("now")}`;
    const select = qb
      .select({
        // Autoincrement: SQLite numbers a null id (PostgreSQL will take the column out of the list).
        id: sql<number>`null`.as("id"),
        userId: sql<string>`${recipient}`.as("user_id"),
        kind: sql<string>`${sql.placeholder("kind")}`.as("kind"),
        group: sql<string>`${group}`.as("group_name"),
        ideaId: sql<number>`${sql.placeholder("ideaId")}`.as("idea_id"),
        commentId: sql<number>`${sql.placeholder("commentId")}`.as("comment_id"),
        actorId: sql<string>`${sql.placeholder("actorId")}`.as("actor_id"),
        data: sql<string>`${sql.placeholder("data")}`.as("data"),
        count: sql<number>`1`.as("count"),
        emailFate: fate.as("email_fate"),
        digestedAt: sql<number>`null`.as("digested_at"),
        readAt: sql<number>`null`.as("read_at"),
        createdAt: now.as("created_at"),
        updatedAt: sql<number>`${sql.placeholder("now")}`.as("updated_at"),
      })
      .from(r)
      .where(and(ne(recipient, sql`coalesce(${sql.placeholder("actorId")}, '')`), reachableUserCondition(recipient)));
    const insert = tx.insert(notifications).select(select as never);
    const upsert = options.grouped
      ? insert.onConflictDoUpdate({
          target: [notifications.userId, notifications.kind, notifications.ideaId],
          targetWhere: sql`${notifications.readAt} is null and ${notifications.digestedAt} is null and ${notifications.kind} = 'idea_comments'`,
          set: {
            count: sql`${notifications.count} + 1`,
            commentId: sql`excluded.comment_id`,
            actorId: sql`excluded.actor_id`,
            data: sql`excluded.data`,
            emailFate: sql`excluded.email_fate`,
            updatedAt: sql`excluded.updated_at`,
          },
        })
      : insert;
    return upsert.returning({ id: notifications.id, userId: notifications.userId, emailFate: notifications.emailFate }).prepare();
  });
}

/**
 * Notifies everyone in a recipient set, inside the transaction of the change that caused it, and
 * queues the e-mail of those who want it at once (the sender delivers after the commit). Returns
 * the people notified, so a second set can leave them out.
 */
export function notify(tx: Tx, key: string, recipients: Recipients, notice: Notice, options: Options = {}, now = new Date()) {
  const rows = fanoutStatement(tx, key, recipients, notice.group, options).all({
    kind: notice.kind,
    ideaId: notice.ideaId,
    commentId: notice.commentId ?? null,
    actorId: notice.actorId,
    data: JSON.stringify(notice.data ?? {}),
    now: Math.floor(now.getTime() / 1000),
    ...notice.params,
  });
  const mail = enqueueMailStatement(tx);
  for (const row of rows) {
    if (row.emailFate === "instant" || row.emailFate === "always") {
      mail.run({ userId: row.userId, toAddress: null, kind: "notification", data: JSON.stringify({ notificationId: row.id }), now: Math.floor(now.getTime() / 1000) });
    }
  }
  return rows;
}
