import { and, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { QueryBuilder } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import {
  departments,
  ideaFollows,
  ideaMergeMoves,
  ideaPhotos,
  ideaTimeline,
  ideas,
  ideaVotes,
} from "#db/schema";

/**
 * Who hears about an idea, as subqueries of user ids for the notifications fan-out (set-based:
 * one INSERT ... SELECT, whatever the number of people). Each returns one column named
 * `user_id` and reads the named placeholders `ideaId` (and `mergeId`, `exceptId`) of the
 * statement it is part of.
 */
export const ideaRecipients = {
  /** The idea's author. */
  author: (qb: QueryBuilder) =>
    qb
      .select({ userId: sql<string>`${ideas.authorId}`.as("user_id") })
      .from(ideas)
      .where(eq(ideas.id, sql.placeholder("ideaId"))),

  /** Its followers and supporters, other than its author, while the idea is listed. */
  followersAndSupporters: (qb: QueryBuilder) =>
    qb
      .select({ userId: ideaFollows.userId })
      .from(ideaFollows)
      .innerJoin(ideas, eq(ideas.id, ideaFollows.ideaId))
      .where(
        and(
          eq(ideaFollows.ideaId, sql.placeholder("ideaId")),
          eq(ideas.listed, true),
          ne(ideaFollows.userId, ideas.authorId)
        )
      )
      .union(
        qb
          .select({ userId: ideaVotes.userId })
          .from(ideaVotes)
          .innerJoin(ideas, eq(ideas.id, ideaVotes.ideaId))
          .where(
            and(
              eq(ideaVotes.ideaId, sql.placeholder("ideaId")),
              eq(ideaVotes.value, 1),
              eq(ideas.listed, true),
              ne(ideaVotes.userId, ideas.authorId)
            )
          )
      ),

  /** Its followers (the author follows by default), except one person (`exceptId`: already told otherwise). */
  followersExcept: (qb: QueryBuilder) =>
    qb
      .select({ userId: ideaFollows.userId })
      .from(ideaFollows)
      .innerJoin(ideas, eq(ideas.id, ideaFollows.ideaId))
      .where(
        and(
          eq(ideaFollows.ideaId, sql.placeholder("ideaId")),
          or(eq(ideas.listed, true), eq(ideaFollows.userId, ideas.authorId)),
          ne(ideaFollows.userId, sql.placeholder("exceptId"))
        )
      ),

  /** The people whose support or follow a merge moved off the duplicate, other than its author. */
  movedByMerge: (qb: QueryBuilder) =>
    qb
      .selectDistinct({ userId: ideaMergeMoves.userId })
      .from(ideaMergeMoves)
      .where(
        and(
          eq(ideaMergeMoves.mergeId, sql.placeholder("mergeId")),
          ne(
            ideaMergeMoves.userId,
            sql`(select ${ideas.authorId} from ${ideas} where ${
              ideas.id
            } = ${sql.placeholder("ideaId")})`
          )
        )
      ),
};

/** The timeline entry an event just wrote (the timeline subscriber runs first, in the same transaction). */
export function latestTimelineEntryId(db: Db, ideaId: number) {
  return (
    prepared(db, "ideas:latest-timeline", () =>
      db
        .select({ id: sql<number>`max(${ideaTimeline.id})` })
        .from(ideaTimeline)
        .where(eq(ideaTimeline.ideaId, sql.placeholder("ideaId")))
        .prepare()
    ).get({ ideaId })?.id ?? null
  );
}

export type IdeaForReader = {
  id: number;
  title: string;
  visible: boolean;
  authorId: string;
};

/**
 * Ideas as a notification's reader may see them: the title while listed, or always for the
 * author; otherwise only that the idea is no longer shown.
 */
export function ideasForReader(
  db: Db,
  ideaIds: number[],
  readerId: string
): Map<number, IdeaForReader> {
  const ids = [...new Set(ideaIds)];
  if (ids.length === 0) return new Map();
  // A page of notifications names up to 40 ideas; one statement per list length, prepared once.
  const rows = prepared(db, `ideas:for-reader:${ids.length}`, () =>
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        listed: ideas.listed,
        authorId: ideas.authorId,
      })
      .from(ideas)
      .where(inList(ideas.id, ids.length))
      .prepare()
  ).all(listParams(ids));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.listed || r.authorId === readerId ? r.title : "",
        visible: r.listed || r.authorId === readerId,
        authorId: r.authorId,
      },
    ])
  );
}

/** A timeline entry's official text and department, for the e-mail that announces it. */
export function getTimelineText(db: Db, entryId: number) {
  return (
    prepared(db, "ideas:timeline-text", () =>
      db
        .select({
          body: ideaTimeline.body,
          bodyHtml: ideaTimeline.bodyHtml,
          toStatus: ideaTimeline.toStatus,
          departmentEn: departments.nameEn,
          departmentFr: departments.nameFr,
        })
        .from(ideaTimeline)
        .leftJoin(departments, eq(departments.id, ideaTimeline.departmentId))
        .where(eq(ideaTimeline.id, sql.placeholder("id")))
        .prepare()
    ).get({ id: entryId }) ?? null
  );
}

/** For the spam signal: how many other accounts posted exactly this text since a date (`listed in (0, 1)` lets the (listed, created_at) index serve the range). */
export function countIdeaTextByOthers(
  db: Db,
  body: string,
  authorId: string,
  since: Date
) {
  return db
    .select({ n: sql<number>`count(distinct ${ideas.authorId})` })
    .from(ideas)
    .where(
      and(
        sql`${ideas.listed} in (0, 1)`,
        sql`${ideas.createdAt} >= ${Math.floor(since.getTime() / 1000)}`,
        eq(ideas.body, body),
        sql`${ideas.authorId} <> ${authorId}`
      )
    )
    .get()!.n;
}

/** For the spam signal: how many ideas a person posted since a date. */
export function countIdeasSince(db: Db, authorId: string, since: Date) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(ideas)
    .where(
      and(
        eq(ideas.authorId, authorId),
        sql`${ideas.createdAt} >= ${Math.floor(since.getTime() / 1000)}`
      )
    )
    .get()!.n;
}

/** An idea's text and author for moderators (and the spam signal), whatever its state. */
export function getIdeaForModeration(db: Db, ideaId: number) {
  return (
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        body: ideas.body,
        authorId: ideas.authorId,
        createdAt: ideas.createdAt,
        status: ideas.status,
      })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
      .get() ?? null
  );
}

/** Ideas as moderators see them in the queue, whatever their state: title, excerpt, status, hiding. */
export function listIdeasForModeration(db: Db, ideaIds: number[]) {
  const ids = [...new Set(ideaIds)];
  if (ids.length === 0)
    return new Map<
      number,
      {
        id: number;
        title: string;
        excerpt: string;
        status: string;
        hiddenAt: Date | null;
        hiddenKind: string | null;
        hiddenReason: string | null;
      }
    >();
  const rows = prepared(db, `ideas:for-moderation:${ids.length}`, () =>
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        excerpt: ideas.excerpt,
        status: ideas.status,
        hiddenAt: ideas.hiddenAt,
        hiddenKind: ideas.hiddenKind,
        hiddenReason: ideas.hiddenReason,
      })
      .from(ideas)
      .where(inList(ideas.id, ids.length))
      .prepare()
  ).all(listParams(ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export type IdeaCard = {
  id: number;
  title: string;
  excerpt: string;
  status: string;
  authorId: string;
  categoryId: number | null;
  districtId: number | null;
  listed: boolean;
  photo: string | null;
};

/**
 * Ideas as cards for other modules' lists (budget projects): title, excerpt, place and first
 * photo, whatever their state; the caller decides what an unlisted idea shows.
 */
export function listIdeaCards(
  db: Db,
  ideaIds: number[]
): Map<number, IdeaCard> {
  const ids = [...new Set(ideaIds)];
  if (ids.length === 0) return new Map();
  const rows = db
    .select({
      id: ideas.id,
      title: ideas.title,
      excerpt: ideas.excerpt,
      status: ideas.status,
      authorId: ideas.authorId,
      categoryId: ideas.categoryId,
      districtId: ideas.districtId,
      listed: ideas.listed,
      photo: sql<
        string | null
      >`(select ${ideaPhotos.fileName} from ${ideaPhotos} where ${ideaPhotos.ideaId} = ${ideas.id} order by ${ideaPhotos.position} limit 1)`,
    })
    .from(ideas)
    .where(inArray(ideas.id, ids))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

/** A person's own ideas that may still go into a budget cycle (listed, published or under review), newest first. */
export function listOwnIdeasForBudget(db: Db, authorId: string, limit = 50) {
  return db
    .select({ id: ideas.id, title: ideas.title, districtId: ideas.districtId })
    .from(ideas)
    .where(
      and(
        eq(ideas.authorId, authorId),
        eq(ideas.listed, true),
        inArray(ideas.status, ["published", "under_review"])
      )
    )
    .orderBy(sql`${ideas.createdAt} desc`)
    .limit(limit)
    .all();
}

/** The statuses of the partial index ideas_tracked_idx (db/schema/ideas.ts), as its WHERE spells them. */
const TRACKED_INDEX_STATUSES = ["accepted", "funded", "in_progress", "completed"] as const;

/**
 * Listed ideas in some statuses (among TRACKED_INDEX_STATUSES), newest activity first, a page at a time (the project tracker):
 * cards with title, excerpt, status, place, department and first photo. `ideaIds` narrows them (a
 * budget cycle's). Returns one more row than asked, to tell whether a next page exists.
 */
export function listIdeasByStatus(
  db: Db,
  where: {
    statuses: readonly string[];
    districtId?: number;
    categoryId?: number;
    ideaIds?: number[];
  },
  limit: number,
  offset: number
) {
  if (where.ideaIds && where.ideaIds.length === 0) return [];
  const statuses = where.statuses.map((s) => {
    if (!(TRACKED_INDEX_STATUSES as readonly string[]).includes(s)) throw new Error("status");
    return `'${s}'`;
  });
  const build = (ideaIds?: number[]) =>
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        excerpt: ideas.excerpt,
        status: ideas.status,
        districtId: ideas.districtId,
        categoryId: ideas.categoryId,
        departmentId: ideas.departmentId,
        latitude: ideas.latitude,
        longitude: ideas.longitude,
        lastResponseAt: ideas.lastResponseAt,
        photo: sql<string | null>`(select ${ideaPhotos.fileName} from ${ideaPhotos} where ${ideaPhotos.ideaId} = ${ideas.id} order by ${ideaPhotos.position} limit 1)`,
      })
      .from(ideas)
      .where(
        and(
          // Written out, not bound: SQLite uses the partial index ideas_tracked_idx only for the very
          // terms of its WHERE (statuses come from a fixed list, checked above).
          sql`${ideas.listed} = 1`,
          sql.raw(`"ideas"."status" in (${TRACKED_INDEX_STATUSES.map((s) => `'${s}'`).join(", ")})`),
          // Fewer statuses than the index holds: a second term, with "+" so that SQLite does not read
          // that status's rows through another index and sort them all, but walks the index in order.
          statuses.length < TRACKED_INDEX_STATUSES.length ? sql.raw(`+"ideas"."status" in (${statuses.join(", ")})`) : undefined,
          where.districtId ? eq(ideas.districtId, sql.placeholder("districtId")) : undefined,
          where.categoryId ? eq(ideas.categoryId, sql.placeholder("categoryId")) : undefined,
          ideaIds ? inArray(ideas.id, ideaIds) : undefined
        )
      )
      .orderBy(desc(ideas.lastResponseAt), desc(ideas.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"));
  const params = { districtId: where.districtId, categoryId: where.categoryId, limit: limit + 1, offset };
  // A cycle's ideas (hundreds of ids) are bound into the query; every other shape is prepared once.
  if (where.ideaIds) return build(where.ideaIds).all(params);
  return prepared(db, `ideas:by-status:${statuses.join(",")}:${where.districtId ? "d" : ""}:${where.categoryId ? "c" : ""}`, () => build().prepare()).all(params);
}
