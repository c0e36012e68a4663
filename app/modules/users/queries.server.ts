import { and, asc, count, desc, eq, isNull, like, or, sql } from "drizzle-orm";
import type { QueryBuilder } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { users } from "#db/schema";

export const USER_PAGE_SIZE = 25;

/** `%` and `_` typed by an admin are searched for literally. */
function containsPattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listUsers(db: Db, { q, page }: { q: string; page: number }) {
  const pattern = containsPattern(q.toLowerCase());
  const where = q
    ? or(like(sql`lower(${users.displayName})`, sql`${pattern} escape '\\'`), like(users.email, sql`${pattern} escape '\\'`))
    : undefined;
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      suspendedAt: users.suspendedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), asc(users.id))
    .limit(USER_PAGE_SIZE)
    .offset((page - 1) * USER_PAGE_SIZE)
    .all();
  const [{ total }] = db.select({ total: count() }).from(users).where(where).all();
  return {
    rows: rows.map((r) => ({ ...r, suspendedAt: r.suspendedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })),
    total,
    pageSize: USER_PAGE_SIZE,
  };
}

export function getAccount(db: Db, userId: string) {
  return db
    .select({ id: users.id, email: users.email, displayName: users.displayName, homeDistrictId: users.homeDistrictId, locale: users.locale, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

/** Display names by id, for rows of other modules that name a person. */
export function listDisplayNames(db: Db, userIds: string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map<string, string>();
  const rows = prepared(db, `users:names:${ids.length}`, () =>
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inList(users.id, ids.length))
      .prepare(),
  ).all(listParams(ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One person as a recipient set for the notifications fan-out (placeholder `userId`). */
export const userRecipients = {
  one: (qb: QueryBuilder) =>
    qb
      .select({ userId: sql<string>`${users.id}`.as("user_id") })
      .from(users)
      .where(eq(users.id, sql.placeholder("userId"))),
};

/** Authors as moderators see them: name, role, account age, and whether silenced or suspended now. */
export function listPeopleForModeration(db: Db, userIds: string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map<string, { id: string; name: string; role: string; createdAt: Date; silencedUntil: Date | null; suspendedAt: Date | null }>();
  const rows = prepared(db, `users:for-moderation:${ids.length}`, () =>
    db
      .select({ id: users.id, name: users.displayName, role: users.role, createdAt: users.createdAt, silencedUntil: users.silencedUntil, suspendedAt: users.suspendedAt })
      .from(users)
      .where(inList(users.id, ids.length))
      .prepare(),
  ).all(listParams(ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A live account's id and name by e-mail address (staff marking a paper voter): never a deleted one. */
export function findAccountByEmail(db: Db, email: string) {
  return db.select({ id: users.id, displayName: users.displayName }).from(users).where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.deletedAt))).get() ?? null;
}
