import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { MAIL_KINDS, MAIL_STATUSES } from "../../app/modules/mail/kinds";
import { users } from "./users";

/**
 * The transactional outbox: every e-mail the site sends, written in the transaction of the change
 * that causes it, then delivered in the background by the sender (app/modules/mail/sender.server.ts)
 * with retries. A row says what to send (`kind`, `data`) to whom; the words are rendered at
 * delivery, in the recipient's language. `digestDay` makes one digest per person per day at most.
 */
export const mailMessages = sqliteTable(
  "mail_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    // For mail to an address without an account (there is none yet) or before one is confirmed.
    toAddress: text("to_address"),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, string | number | null>>().notNull(),
    status: text("status", { enum: MAIL_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp" }).notNull(),
    // While one sender delivers it: another (or the same after a restart) waits until this passes.
    leaseUntil: integer("lease_until", { mode: "timestamp" }),
    lastError: text("last_error"),
    skipReason: text("skip_reason"),
    digestDay: text("digest_day"),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp" }),
  },
  (t) => [
    index("mail_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("mail_messages_created_idx").on(t.createdAt),
    uniqueIndex("mail_messages_digest_idx").on(t.userId, t.digestDay).where(sql`${t.digestDay} is not null`),
  ],
);

/** Every delivery attempt and its outcome. */
export const mailAttempts = sqliteTable(
  "mail_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => mailMessages.id, { onDelete: "cascade" }),
    outcome: text("outcome").notNull(),
    error: text("error"),
    at: integer("at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("mail_attempts_message_idx").on(t.messageId)],
);
