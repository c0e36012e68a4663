import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { categories, districts, ideaFollows, ideaPhotos, ideaVotes, ideas, users } from "#db/schema";
import type { Role } from "#db/schema/users";
import { markdownToPlainText } from "~/modules/markdown/render.server";
import { canEditIdea, canSeeIdea, canWithdrawIdea, isIdeaOpen } from "./policy";
import { MATCH_END, MATCH_START, toFtsQuery } from "./search";
import type { IdeaListQuery } from "./validation";

export const IDEAS_PAGE_SIZE = 20;

type Viewer = { id: string; role: Role } | null;

const listColumns = {
  id: ideas.id,
  title: ideas.title,
  excerpt: sql<string>`substr(${ideas.body}, 1, 240)`,
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
  relevance: [sql`bm25(ideas_fts, 10.0, 1.0)`, sql`${ideas.id} desc`],
};

/**
 * One prepared statement per shape of query (sort × which filters × search or not), built on first
 * use and kept per connection: the list is the hottest read of the site.
 */
const preparedLists = new WeakMap<Db, Map<string, ReturnType<typeof buildList>>>();

function buildList(db: Db, shape: { sort: string; category: boolean; district: boolean; status: boolean; search: boolean }) {
  const where = [
    eq(ideas.listed, true),
    shape.category ? eq(ideas.categoryId, sql.placeholder("category")) : undefined,
    shape.district ? eq(ideas.districtId, sql.placeholder("district")) : undefined,
    shape.status ? eq(ideas.status, sql.placeholder("status")) : undefined,
    shape.search ? sql`ideas_fts match ${sql.placeholder("match")}` : undefined,
  ];
  const columns = shape.search
    ? {
        ...listColumns,
        titleHighlight: sql<string>`highlight(ideas_fts, 0, ${MATCH_START}, ${MATCH_END})`,
        excerptHighlight: sql<string>`snippet(ideas_fts, 1, ${MATCH_START}, ${MATCH_END}, '…', 24)`,
      }
    : { ...listColumns, titleHighlight: sql<string | null>`null`, excerptHighlight: sql<string | null>`null` };
  const base = shape.search
    ? db.select(columns).from(sql`ideas_fts`).innerJoin(ideas, sql`${ideas.id} = ideas_fts.rowid`)
    : db.select(columns).from(ideas);
  return base
    .innerJoin(users, eq(users.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(districts, eq(districts.id, ideas.districtId))
    .where(and(...where))
    .orderBy(...ORDER[shape.sort])
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare();
}

export function listIdeas(query: IdeaListQuery) {
  const db = getDb();
  const match = query.q ? toFtsQuery(query.q) : null;
  const sort = query.sort ?? (match ? "relevance" : "trending");
  const shape = { sort, category: !!query.category, district: !!query.district, status: !!query.status, search: !!match };
  const key = JSON.stringify(shape);
  let cache = preparedLists.get(db);
  if (!cache) preparedLists.set(db, (cache = new Map()));
  let statement = cache.get(key);
  if (!statement) cache.set(key, (statement = buildList(db, shape)));
  // One row more than a page tells whether there is a next page, without counting 100,000 rows.
  const rows = statement.all({
    category: query.category,
    district: query.district,
    status: query.status,
    match,
    limit: IDEAS_PAGE_SIZE + 1,
    offset: (query.page - 1) * IDEAS_PAGE_SIZE,
  });
  return {
    ideas: rows.slice(0, IDEAS_PAGE_SIZE).map((r) => ({ ...r, excerpt: markdownToPlainText(r.excerpt, 200), createdAt: r.createdAt.toISOString() })),
    hasNext: rows.length > IDEAS_PAGE_SIZE,
    sort,
  };
}

export function listFilterOptions() {
  const db = getDb();
  return {
    categories: db.select({ id: categories.id, nameEn: categories.nameEn, nameFr: categories.nameFr }).from(categories).orderBy(asc(categories.nameEn)).all(),
    districts: db.select({ id: districts.id, nameEn: districts.nameEn, nameFr: districts.nameFr }).from(districts).orderBy(asc(districts.nameEn)).all(),
  };
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
    .orderBy(sql`bm25(ideas_fts, 10.0, 1.0)`)
    .limit(limit)
    .all();
}

const preparedIdea = new WeakMap<Db, ReturnType<typeof buildIdeaQuery>>();
function buildIdeaQuery(db: Db) {
  return db
    .select({
      id: ideas.id,
      title: ideas.title,
      body: ideas.body,
      status: ideas.status,
      hiddenAt: ideas.hiddenAt,
      hiddenReason: ideas.hiddenReason,
      firstResponseAt: ideas.firstResponseAt,
      latitude: ideas.latitude,
      longitude: ideas.longitude,
      estimatedCost: ideas.estimatedCost,
      upCount: ideas.upCount,
      downCount: ideas.downCount,
      commentCount: ideas.commentCount,
      editedAt: ideas.editedAt,
      createdAt: ideas.createdAt,
      categoryId: ideas.categoryId,
      districtId: ideas.districtId,
      authorId: ideas.authorId,
      authorName: users.displayName,
      authorRole: users.role,
      categoryEn: categories.nameEn,
      categoryFr: categories.nameFr,
      districtEn: districts.nameEn,
      districtFr: districts.nameFr,
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(districts, eq(districts.id, ideas.districtId))
    .where(eq(ideas.id, sql.placeholder("id")))
    .prepare();
}

/** The idea as the viewer may see it, or null when it does not exist for them. */
export function getIdea(ideaId: number, viewer: Viewer) {
  const db = getDb();
  let statement = preparedIdea.get(db);
  if (!statement) preparedIdea.set(db, (statement = buildIdeaQuery(db)));
  const idea = statement.get({ id: ideaId });
  if (!idea || !canSeeIdea(viewer, idea)) return null;
  const photos = db
    .select({ fileName: ideaPhotos.fileName, width: ideaPhotos.width, height: ideaPhotos.height })
    .from(ideaPhotos)
    .where(eq(ideaPhotos.ideaId, ideaId))
    .orderBy(asc(ideaPhotos.position))
    .all();
  const myVote = viewer ? db.select({ value: ideaVotes.value }).from(ideaVotes).where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, viewer.id))).get()?.value ?? 0 : 0;
  const following = viewer ? !!db.select({ u: ideaFollows.userId }).from(ideaFollows).where(and(eq(ideaFollows.ideaId, ideaId), eq(ideaFollows.userId, viewer.id))).get() : false;
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
  const found = getIdea(ideaId, viewer);
  if (!found || !found.viewer.canEdit) return null;
  const { title, body, categoryId, districtId, latitude, longitude, estimatedCost } = found.idea;
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
