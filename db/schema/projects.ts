import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ideas } from "./ideas";
import { districts } from "./places";
import { users } from "./users";

/**
 * A funded or accepted idea's work as the city reports it: progress, money spent, the expected
 * completion. One row per idea, made by its first update; what it costs comes from its budget.
 */
export const projectTrackers = sqliteTable(
  "project_trackers",
  {
    ideaId: integer("idea_id")
      .primaryKey()
      .references(() => ideas.id),
    progress: integer("progress").notNull().default(0),
    spent: integer("spent").notNull().default(0),
    expectedAt: integer("expected_at", { mode: "timestamp" }),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("project_trackers_updated_idx").on(t.updatedAt), check("project_trackers_progress", sql`${t.progress} between 0 and 100`), check("project_trackers_spent", sql`${t.spent} >= 0`)],
);

/** A dated update on a project by council staff: what was done, with photos; the last one may complete it. */
export const projectUpdates = sqliteTable(
  "project_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    progress: integer("progress").notNull(),
    spent: integer("spent").notNull(),
    photos: text("photos", { mode: "json" }).$type<string[]>().notNull(),
    completes: integer("completes", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("project_updates_idea_idx").on(t.ideaId, t.id)],
);

/** A message from the city to everyone or to one district, kept in a public archive. */
export const announcements = sqliteTable(
  "announcements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    // Null: the whole city.
    districtId: integer("district_id").references(() => districts.id),
    // An optional page of the site it points to (a budget cycle or a project).
    link: text("link"),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("announcements_created_idx").on(t.createdAt, t.id), index("announcements_district_idx").on(t.districtId, t.createdAt)],
);
