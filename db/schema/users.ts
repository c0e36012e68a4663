import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { districts } from "./places";

import { ROLES } from "../../app/modules/users/roles";
import { LOCALES } from "../../app/modules/i18n/config";


export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    // Stored lower-cased by the sign-up command; the unique index makes one account per address.
    email: text("email").notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("resident"),
    homeDistrictId: integer("home_district_id").references(() => districts.id, { onDelete: "set null" }),
    locale: text("locale", { enum: LOCALES }).notNull().default("en"),
    // Set when the person opens the link mailed at sign-up; until then they read but do not take part.
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp" }),
    suspendedAt: integer("suspended_at", { mode: "timestamp" }),
    suspensionReason: text("suspension_reason"),
    // A moderator's silence: until then the person may read but not post, comment, support, report or vote.
    silencedUntil: integer("silenced_until", { mode: "timestamp" }),
    // Set when the person deleted their account: the row stays as "deleted resident", without personal data.
    deletedAt: integer("deleted_at", { mode: "timestamp" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    index("users_display_name_idx").on(t.displayName),
    index("users_role_idx").on(t.role),
    index("users_created_at_idx").on(t.createdAt),
    check("users_role_check", sql`${t.role} in ('resident','moderator','council','admin')`),
    check("users_locale_check", sql`${t.locale} in ('en','fr')`),
  ],
);

/**
 * Lucia's session table; expires_at is in seconds, as the drizzle adapter expects. `id` is the
 * SHA-256 of the token in the cookie, never the token itself: a copy of the database cannot be
 * turned into live sessions.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    // The absolute lifetime runs from here, however often the session is refreshed.
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/** Password-reset tokens: only the SHA-256 of the token is stored; single use. */
export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("password_reset_tokens_user_id_idx").on(t.userId)],
);

/**
 * Where each person lived and since when: written by triggers on `users` (migration 0010; read by app/modules/users/residency.server.ts), so that
 * a district envelope's electorate is read as of the cycle's cutoff whatever changed since.
 */
export const homeDistrictHistory = sqliteTable(
  "home_district_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    districtId: integer("district_id"),
    since: integer("since", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("home_district_history_user_idx").on(t.userId, t.since)],
);

/**
 * A person's data export, made on request and kept briefly: the download needs the owner's
 * session and the link's token, whose SHA-256 alone is stored; it expires.
 */
export const dataExports = sqliteTable(
  "data_exports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    content: text("content").notNull(),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("data_exports_user_idx").on(t.userId, t.createdAt)],
);
