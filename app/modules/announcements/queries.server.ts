import { desc, eq, isNull, or, sql } from "drizzle-orm";
import type { QueryBuilder } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { announcements, users } from "#db/schema";
import { ANNOUNCEMENTS_PAGE_SIZE } from "./validation";

const columns = { id: announcements.id, title: announcements.title, bodyHtml: announcements.bodyHtml, districtId: announcements.districtId, link: announcements.link, createdAt: announcements.createdAt };

/** The archive, newest first, a page at a time; `districtId` adds that district's to the city-wide ones, `all` shows every district's. */
export function listAnnouncements(db: Db, options: { page: number; districtId?: number | null; all?: boolean; limit?: number }) {
  const limit = options.limit ?? ANNOUNCEMENTS_PAGE_SIZE;
  // Two shapes, each prepared once: every announcement (the archive for staff), or those for everyone and one district.
  const rows = prepared(db, `announcements:list:${options.all ? "all" : "district"}`, () =>
    db
      .select(columns)
      .from(announcements)
      .where(options.all ? undefined : or(isNull(announcements.districtId), eq(announcements.districtId, sql.placeholder("districtId"))))
      .orderBy(desc(announcements.createdAt), desc(announcements.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  ).all({ districtId: options.districtId ?? null, limit: limit + 1, offset: (options.page - 1) * limit });
  return { hasNext: rows.length > limit, announcements: rows.slice(0, limit).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

/**
 * Who an announcement is for, as a subquery of user ids for the notifications fan-out
 * (placeholder `districtId`, or null for everyone): live accounts, living in the district when it
 * has one.
 */
export const announcementRecipients = {
  audience: (qb: QueryBuilder) =>
    qb
      .select({ userId: sql<string>`${users.id}`.as("user_id") })
      .from(users)
      .where(sql`${users.deletedAt} is null and (${sql.placeholder("districtId")} is null or ${users.homeDistrictId} = ${sql.placeholder("districtId")})`),
};

export function getAnnouncementTitle(db: Db, id: number) {
  return db.select({ title: announcements.title, link: announcements.link }).from(announcements).where(eq(announcements.id, id)).get() ?? null;
}
