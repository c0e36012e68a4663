import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LOCALES } from "../../app/modules/i18n/config";
import { STAFF_STATUSES } from "../../app/modules/ideas/lifecycle";
import { users } from "./users";

/** Admins' response templates per status and language, offered to staff as an editable pre-fill. */
export const responseTemplates = sqliteTable(
  "response_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    status: text("status", { enum: STAFF_STATUSES }).notNull(),
    locale: text("locale", { enum: LOCALES }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("response_templates_status_idx").on(t.status, t.locale),
    check("response_templates_title_length", sql`length(${t.title}) between 1 and 120`),
    check("response_templates_body_length", sql`length(${t.body}) between 1 and 10000`),
  ],
);
