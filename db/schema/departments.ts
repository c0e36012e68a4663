import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { categories, districts } from "./places";
import { users } from "./users";

/** The city's departments: ideas are routed to one, council members belong to one or more. */
export const departments = sqliteTable("departments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  nameEn: text("name_en").notNull(),
  nameFr: text("name_fr").notNull(),
});

/**
 * Category x district -> department. A rule may leave either side empty (any category, any
 * district); the most specific matching rule wins, and the rule with both empty is the fallback.
 * One rule per (category, district) pair, empty counted as a value.
 */
export const routingRules = sqliteTable(
  "routing_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "cascade" }),
    districtId: integer("district_id").references(() => districts.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("routing_rules_pair_idx").on(sql`coalesce(${t.categoryId}, 0)`, sql`coalesce(${t.districtId}, 0)`)],
);

export const departmentMembers = sqliteTable(
  "department_members",
  {
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.userId] }), index("department_members_user_idx").on(t.userId)],
);
