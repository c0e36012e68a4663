import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { prepared } from "#db/prepared";
import { listCategories, listDistricts } from "~/modules/places/queries.server";
import { categories, districts, ideaFollows, ideaPhotos, ideaVotes, ideas, users } from "#db/schema";
import type { Role } from "#db/schema/users";
import { canEditIdea, canSeeIdea, canWithdrawIdea, isIdeaOpen } from "./policy";
import { highlightMatches, toFtsQuery } from "./search";
import { cachedSearchIds } from "./search-cache.server";
import type { IdeaListQuery } from "./validation";

export const IDEAS_PAGE_SIZE = 20;

type Viewer = { id: string; role: Role } | null;

const listColumns = {
  id: ideas.id,
  title: ideas.title,
  excerpt: ideas.excerpt,
  status: ideas.status,
  upCount: ideas.upCount,
  downCount: ideas.downCount,
  commentCount: ideas.commentCount,
  createdAt: ideas.createdAt,
  authorId: ideas.authorId,
  authorName: users.displayName,
  authorRole: users.role,
  categoryEn: categories.nameEn,
  categoryFr: categories.nameFr,
  districtEn: districts.nameEn,
  districtFr: districts.nameFr,
};

const ORDER: Record<string, SQL[]> = {
  trending: [sql`${ideas.hotScore} desc`, sql`${ideas.id} desc`],
  newest: [sql`${ideas.createdAt} desc`, sql`${ideas.id} desc`],
  top: [sql`${ideas.upCount} desc`, sql`${ideas.id} desc`],
  discussed: [sql`${ideas.commentCount} desc`, sql`${ideas.id} desc`],
  // The FTS table's configured rank (bm25, title weighted ten times the body; migration 0005).
  relevance: [sql`ideas_fts.rank`, sql`${ideas.id} desc`],
};

type Shape = { sort: string; category: boolean; district: boolean; status: boolean; search: boolean };

function filters(shape: Shape) {
  return [
    eq(ideas.listed, true),
    shape.category ? eq(ideas.categoryId, sql.placeholder("category")) : undefined,
    shape.district ? eq(ideas.districtId, sql.placeholder("district")) : undefined,
    shape.status ? eq(ideas.status, sql.placeholder("status")) : undefined,
  ];
}

/** Ideas with their author, category and district, as the lists show them. */
const selectListed = (db: Db) =>
  db
    .select(listColumns)
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(districts, eq(districts.id, ideas.districtId));

/** A page of ideas without search: one indexed, prepared query. */
function buildList(db: Db, shape: Shape) {
  return selectListed(db)
    .where(and(...filters(shape)))
    .orderBy(...ORDER[shape.sort])
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare();
}

/**
 * Search, step one: which ideas, in order. By relevance without filters this reads the full-text
 * index alone (it holds public ideas only), which stays fast when thousands of ideas match.
 */
function buildSearchIds(db: Db, shape: Shape) {
  const plain = shape.sort === "relevance" && !shape.category && !shape.district && !shape.status;
  if (plain) {
    return db
      .select({ id: sql<number>`ideas_fts.rowid` })
      .from(sql`ideas_fts`)
      .where(sql`ideas_fts match ${sql.placeholder("match")}`)
      .orderBy(sql`ideas_fts.rank`)
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare();
  }
  return db
    .select({ id: ideas.id })
    .from(sql`ideas_fts`)
    .innerJoin(ideas, sql`${ideas.id} = ideas_fts.rowid`)
    .where(and(sql`ideas_fts match ${sql.placeholder("match")}`, ...filters(shape)))
    .orderBy(...ORDER[shape.sort])
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare();
}

/** Search, step two: the page's rows, by id, read fresh (visibility never comes from a cache). */
function buildRowsByIds(db: Db) {
  return selectListed(db)
    .where(and(sql`${ideas.id} in (select value from json_each(${sql.placeholder("ids")}))`, eq(ideas.listed, true)))
    .prepare();
}

export function listIdeas(query: IdeaListQuery) {
  const db = getDb();
  const match = query.q ? toFtsQuery(query.q) : null;
  const sort = query.sort ?? (match ? "relevance" : "trending");
  const shape: Shape = { sort, category: !!query.category, district: !!query.district, status: !!query.status, search: !!match };
  const key = JSON.stringify(shape);
  // One row more than a page tells whether there is a next page, without counting 100,000 rows.
  const params = { category: query.category, district: query.district, status: query.status, match, limit: IDEAS_PAGE_SIZE + 1, offset: (query.page - 1) * IDEAS_PAGE_SIZE };
  let rows: (ReturnType<ReturnType<typeof buildList>["all"]>[number] & { titleHighlight: string | null; excerptHighlight: string | null })[];
  let hasNext: boolean;
  if (match) {
    const ids = cachedSearchIds(db, `${key}|${JSON.stringify(params)}`, () =>
      prepared(db, `ids:${key}`, () => buildSearchIds(db, shape))
        .all(params)
        .map((r) => r.id),
    );
    hasNext = ids.length > IDEAS_PAGE_SIZE;
    const pageIds = ids.slice(0, IDEAS_PAGE_SIZE);
    const found = pageIds.length ? prepared(db, "rows-by-ids", () => buildRowsByIds(db)).all({ ids: JSON.stringify(pageIds) }) : [];
    const byId = new Map(found.map((r) => [r.id, r]));
    rows = pageIds
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined)
      .map((r) => ({ ...r, titleHighlight: highlightMatches(r.title, query.q), excerptHighlight: highlightMatches(r.excerpt, query.q) }));
  } else {
    const all = prepared(db, `list:${key}`, () => buildList(db, shape)).all(params);
    hasNext = all.length > IDEAS_PAGE_SIZE;
    rows = all.slice(0, IDEAS_PAGE_SIZE).map((r) => ({ ...r, titleHighlight: null, excerptHighlight: null }));
  }
  return { ideas: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), hasNext, sort };
}

/** The choices of the list filters and the idea form. */
export function listFilterOptions() {
  return { categories: listCategories(), districts: listDistricts() };
}

/** Listed ideas whose text shares words with a draft, best match first. */
export function findSimilarIdeas(text: string, limit = 5) {
  const match = toFtsQuery(text, { mode: "any" });
  if (!match) return [];
  return getDb()
    .select({ id: ideas.id, title: ideas.title, upCount: ideas.upCount, status: ideas.status })
    .from(sql`ideas_fts`)
    .innerJoin(ideas, sql`${ideas.id} = ideas_fts.rowid`)
    .where(and(sql`ideas_fts match ${match}`, eq(ideas.listed, true)))
    .orderBy(sql`ideas_fts.rank`)
    .limit(limit)
    .all();
}

function buildIdeaQuery(db: Db) {
  const { excerpt: _excerpt, ...shared } = listColumns;
  return db
    .select({
      ...shared,
      body: ideas.body,
      hiddenAt: ideas.hiddenAt,
      hiddenReason: ideas.hiddenReason,
      firstResponseAt: ideas.firstResponseAt,
      latitude: ideas.latitude,
      longitude: ideas.longitude,
      estimatedCost: ideas.estimatedCost,
      editedAt: ideas.editedAt,
      categoryId: ideas.categoryId,
      districtId: ideas.districtId,
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(districts, eq(districts.id, ideas.districtId))
    .where(eq(ideas.id, sql.placeholder("id")))
    .prepare();
}

/** The idea's row when the viewer may see it. */
function visibleIdea(db: Db, ideaId: number, viewer: Viewer) {
  const idea = prepared(db, "idea", () => buildIdeaQuery(db)).get({ id: ideaId });
  return idea && canSeeIdea(viewer, idea) ? idea : null;
}

/** The idea as the viewer may see it, or null when it does not exist for them. */
export function getIdea(ideaId: number, viewer: Viewer) {
  const db = getDb();
  const idea = visibleIdea(db, ideaId, viewer);
  if (!idea) return null;
  const photos = prepared(db, "idea-photos", () =>
    db
      .select({ fileName: ideaPhotos.fileName, width: ideaPhotos.width, height: ideaPhotos.height })
      .from(ideaPhotos)
      .where(eq(ideaPhotos.ideaId, sql.placeholder("ideaId")))
      .orderBy(asc(ideaPhotos.position))
      .prepare(),
  ).all({ ideaId });
  const viewerVote = prepared(db, "idea-my-vote", () =>
    db
      .select({ value: ideaVotes.value })
      .from(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, sql.placeholder("ideaId")), eq(ideaVotes.userId, sql.placeholder("userId"))))
      .prepare(),
  );
  const viewerFollow = prepared(db, "idea-following", () =>
    db
      .select({ u: ideaFollows.userId })
      .from(ideaFollows)
      .where(and(eq(ideaFollows.ideaId, sql.placeholder("ideaId")), eq(ideaFollows.userId, sql.placeholder("userId"))))
      .prepare(),
  );
  const myVote = viewer ? (viewerVote.get({ ideaId, userId: viewer.id })?.value ?? 0) : 0;
  const following = viewer ? !!viewerFollow.get({ ideaId, userId: viewer.id }) : false;
  return {
    idea: {
      ...idea,
      // The moderator's reason is shown to the author and staff only; canSeeIdea let them in.
      hiddenAt: idea.hiddenAt?.toISOString() ?? null,
      firstResponseAt: idea.firstResponseAt?.toISOString() ?? null,
      editedAt: idea.editedAt?.toISOString() ?? null,
      createdAt: idea.createdAt.toISOString(),
    },
    photos,
    open: isIdeaOpen(idea),
    viewer: {
      myVote: myVote === 1 ? ("up" as const) : myVote === -1 ? ("down" as const) : ("none" as const),
      following,
      canEdit: canEditIdea(viewer, idea),
      canWithdraw: canWithdrawIdea(viewer, idea),
      canTakePart: !!viewer && isIdeaOpen(idea),
    },
  };
}

/** The fields an author may edit, or null when they may not. */
export function getIdeaForEditing(ideaId: number, viewer: Viewer) {
  const idea = visibleIdea(getDb(), ideaId, viewer);
  if (!idea || !canEditIdea(viewer, idea)) return null;
  const { title, body, categoryId, districtId, latitude, longitude, estimatedCost } = idea;
  return { id: ideaId, title, body, categoryId, districtId, latitude, longitude, estimatedCost };
}

/** Public ideas of one resident, newest first. */
export function listIdeasByAuthor(authorId: string, limit = 20) {
  return getDb()
    .select({ id: ideas.id, title: ideas.title, status: ideas.status, upCount: ideas.upCount, commentCount: ideas.commentCount, createdAt: ideas.createdAt })
    .from(ideas)
    .where(and(eq(ideas.authorId, authorId), eq(ideas.listed, true)))
    .orderBy(desc(ideas.createdAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Whether the viewer may see a stored photo: only as long as they may see its idea. */
export function canSeePhoto(fileName: string, viewer: Viewer) {
  const idea = getDb()
    .select({ authorId: ideas.authorId, status: ideas.status, hiddenAt: ideas.hiddenAt, firstResponseAt: ideas.firstResponseAt })
    .from(ideaPhotos)
    .innerJoin(ideas, eq(ideas.id, ideaPhotos.ideaId))
    .where(eq(ideaPhotos.fileName, fileName))
    .get();
  return !!idea && canSeeIdea(viewer, idea);
}

/** A resident's public record: ideas posted and ideas the city has answered. */
export function countPublicIdeas(authorId: string) {
  return getDb()
    .select({ posted: sql<number>`count(*)`, answered: sql<number>`coalesce(sum(${ideas.firstResponseAt} is not null), 0)` })
    .from(ideas)
    .where(and(eq(ideas.authorId, authorId), eq(ideas.listed, true)))
    .get()!;
}
