import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Where mail goes when no SMTP server is configured (development, tests, the demo). */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("outbox_messages_created_at_idx").on(t.createdAt)],
);
