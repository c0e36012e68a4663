import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { categories, departments, districts, ideaFollows, ideaPhotos, ideaVotes, ideas, users } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { listDepartments } from "~/modules/departments/queries.server";
import { listCategories, listDistricts } from "~/modules/places/queries.server";
import { alias } from "drizzle-orm/sqlite-core";
import type { Locale } from "~/modules/i18n/config";
import { listTemplates } from "~/modules/responses/templates.server";
import { staffChoices } from "./lifecycle";
import { canAnswerIdea, canEditIdea, canMergeIdeas, canSeeIdea, canWithdrawIdea, editLockReason, isIdeaOpen, isListed } from "./policy";
import { loadStaffScope } from "./staff-scope.server";
import { highlightMatches, toFtsQuery } from "./search";
import { cachedSearchIds } from "./search-cache.server";
import type { IdeaListQuery } from "./validation";

export const IDEAS_PAGE_SIZE = 20;

type Viewer = Actor | null;

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
  answered: [sql`${ideas.lastResponseAt} desc`, sql`${ideas.id} desc`],
  // The FTS table's configured rank (bm25, title weighted ten times the body; migration 0005).
  relevance: [sql`ideas_fts.rank`, sql`${ideas.id} desc`],
};

type Shape = { sort: string; category: boolean; district: boolean; status: boolean; department: boolean; search: boolean };

function filters(shape: Shape) {
  return [
    eq(ideas.listed, true),
    shape.category ? eq(ideas.categoryId, sql.placeholder("category")) : undefined,
    shape.district ? eq(ideas.districtId, sql.placeholder("district")) : undefined,
    shape.status ? eq(ideas.status, sql.placeholder("status")) : undefined,
    shape.department ? eq(ideas.departmentId, sql.placeholder("department")) : undefined,
    // "Recently answered" lists the ideas the city has answered.
    shape.sort === "answered" ? sql`${ideas.lastResponseAt} is not null` : undefined,
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
  const plain = shape.sort === "relevance" && !shape.category && !shape.district && !shape.status && !shape.department;
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
function buildRowsByIds(db: Db, count: number) {
  return selectListed(db)
    .where(and(inList(ideas.id, count), eq(ideas.listed, true)))
    .prepare();
}

export function listIdeas(db: Db, query: IdeaListQuery) {
  const match = query.q ? toFtsQuery(query.q) : null;
  const sort = query.sort ?? (match ? "relevance" : "trending");
  const shape: Shape = { sort, category: !!query.category, district: !!query.district, status: !!query.status, department: !!query.department, search: !!match };
  const key = JSON.stringify(shape);
  // One row more than a page tells whether there is a next page, without counting 100,000 rows.
  const params = { category: query.category, district: query.district, status: query.status, department: query.department, match, limit: IDEAS_PAGE_SIZE + 1, offset: (query.page - 1) * IDEAS_PAGE_SIZE };
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
    const found = pageIds.length ? prepared(db, `ideas:rows-by-ids:${pageIds.length}`, () => buildRowsByIds(db, pageIds.length)).all(listParams(pageIds)) : [];
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
export function listFilterOptions(db: Db) {
  return { categories: listCategories(db), districts: listDistricts(db), departments: listDepartments(db) };
}

/** Listed ideas whose text shares words with a draft, best match first. */
export function findSimilarIdeas(db: Db, text: string, limit = 5) {
  const match = toFtsQuery(text, { mode: "any" });
  if (!match) return [];
  return db
    .select({ id: ideas.id, title: ideas.title, upCount: ideas.upCount, status: ideas.status })
    .from(sql`ideas_fts`)
    .innerJoin(ideas, sql`${ideas.id} = ideas_fts.rowid`)
    .where(and(sql`ideas_fts match ${match}`, eq(ideas.listed, true)))
    .orderBy(sql`ideas_fts.rank`)
    .limit(limit)
    .all();
}

function buildIdeaQuery(db: Db) {
  return db
    .select({
      ...listColumns,
      body: ideas.body,
      hiddenAt: ideas.hiddenAt,
      hiddenReason: ideas.hiddenReason,
      hiddenKind: ideas.hiddenKind,
      firstResponseAt: ideas.firstResponseAt,
      latitude: ideas.latitude,
      longitude: ideas.longitude,
      estimatedCost: ideas.estimatedCost,
      editedAt: ideas.editedAt,
      categoryId: ideas.categoryId,
      districtId: ideas.districtId,
      departmentId: ideas.departmentId,
      departmentEn: departments.nameEn,
      departmentFr: departments.nameFr,
      queueDueAt: ideas.queueDueAt,
      mergedIntoId: ideas.mergedIntoId,
      // The original of a merged duplicate, named while it is listed.
      mergedIntoTitle: sql<string | null>`case when ${original.listed} = 1 then ${original.title} end`,
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(districts, eq(districts.id, ideas.districtId))
    .leftJoin(departments, eq(departments.id, ideas.departmentId))
    .leftJoin(original, eq(original.id, ideas.mergedIntoId))
    .where(eq(ideas.id, sql.placeholder("id")))
    .prepare();
}

const original = alias(ideas, "original");

/** The idea's row when the viewer may see it. */
function visibleIdea(db: Db, ideaId: number, viewer: Viewer) {
  const idea = prepared(db, "ideas:page", () => buildIdeaQuery(db)).get({ id: ideaId });
  return idea && canSeeIdea(viewer, idea) ? idea : null;
}

/** The idea as the viewer may see it, or null when it does not exist for them. */
export function getIdea(db: Db, ideaId: number, viewer: Viewer) {
  const idea = visibleIdea(db, ideaId, viewer);
  if (!idea) return null;
  const photos = prepared(db, "ideas:photos", () =>
    db
      .select({ fileName: ideaPhotos.fileName, width: ideaPhotos.width, height: ideaPhotos.height })
      .from(ideaPhotos)
      .where(eq(ideaPhotos.ideaId, sql.placeholder("ideaId")))
      .orderBy(asc(ideaPhotos.position))
      .prepare(),
  ).all({ ideaId });
  const viewerVote = prepared(db, "ideas:viewer-vote", () =>
    db
      .select({ value: ideaVotes.value })
      .from(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, sql.placeholder("ideaId")), eq(ideaVotes.userId, sql.placeholder("userId"))))
      .prepare(),
  );
  const viewerFollow = prepared(db, "ideas:viewer-follows", () =>
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
      queueDueAt: idea.queueDueAt?.toISOString() ?? null,
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
      editLock: editLockReason(viewer, idea),
      canTakePart: !!viewer && isIdeaOpen(idea),
    },
  };
}

/** The fields an author may edit, or null when they may not. */
export function getIdeaForEditing(db: Db, ideaId: number, viewer: Viewer) {
  const idea = visibleIdea(db, ideaId, viewer);
  if (!idea || !canEditIdea(viewer, idea)) return null;
  const { title, body, categoryId, districtId, latitude, longitude, estimatedCost } = idea;
  return { id: ideaId, title, body, categoryId, districtId, latitude, longitude, estimatedCost };
}

/** Public ideas of one resident, newest first. */
export function listIdeasByAuthor(db: Db, authorId: string, limit = 20) {
  return db
    .select({ id: ideas.id, title: ideas.title, status: ideas.status, upCount: ideas.upCount, commentCount: ideas.commentCount, createdAt: ideas.createdAt })
    .from(ideas)
    .where(and(eq(ideas.authorId, authorId), eq(ideas.listed, true)))
    .orderBy(desc(ideas.createdAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Whether the viewer may see a stored photo: only as long as they may see its idea. */
export function canSeePhoto(db: Db, fileName: string, viewer: Viewer) {
  const idea = db
    .select({ authorId: ideas.authorId, status: ideas.status, hiddenAt: ideas.hiddenAt, firstResponseAt: ideas.firstResponseAt })
    .from(ideaPhotos)
    .innerJoin(ideas, eq(ideas.id, ideaPhotos.ideaId))
    .where(eq(ideaPhotos.fileName, fileName))
    .get();
  return !!idea && canSeeIdea(viewer, idea);
}

/** A resident's public record: ideas posted and ideas the city has answered. */
export function countPublicIdeas(db: Db, authorId: string) {
  return db
    .select({ posted: sql<number>`count(*)`, answered: sql<number>`coalesce(sum(${ideas.firstResponseAt} is not null), 0)` })
    .from(ideas)
    .where(and(eq(ideas.authorId, authorId), eq(ideas.listed, true)))
    .get()!;
}

const cardColumns = { id: ideas.id, title: ideas.title, status: ideas.status, upCount: ideas.upCount, commentCount: ideas.commentCount, createdAt: ideas.createdAt };

/** The most trending public ideas, for the home page. */
export function listTrendingIdeas(db: Db, limit = 5) {
  return prepared(db, "ideas:trending-cards", () =>
    db.select(cardColumns).from(ideas).where(eq(ideas.listed, true)).orderBy(desc(ideas.hotScore), desc(ideas.id)).limit(sql.placeholder("limit")).prepare(),
  )
    .all({ limit })
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The public ideas the city answered last, for the home page ("the city at work"). */
export function listRecentlyAnswered(db: Db, limit = 4) {
  return prepared(db, "ideas:recently-answered", () =>
    db
      .select(cardColumns)
      .from(ideas)
      .where(and(eq(ideas.listed, true), sql`${ideas.lastResponseAt} is not null`))
      .orderBy(desc(ideas.lastResponseAt), desc(ideas.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  )
    .all({ limit })
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/**
 * Public ideas a person follows (other than their own), most recently posted first. Ordered by id
 * (ids grow as ideas are posted), so the index on (person, idea) is read backwards and the read
 * stops after `limit` matches instead of sorting everything a keen follower follows.
 */
export function listFollowedIdeas(db: Db, userId: string, limit = 5) {
  return prepared(db, "ideas:followed-cards", () =>
    db
      .select(cardColumns)
      .from(ideaFollows)
      .innerJoin(ideas, eq(ideas.id, ideaFollows.ideaId))
      .where(and(eq(ideaFollows.userId, sql.placeholder("userId")), eq(ideas.listed, true), sql`${ideas.authorId} <> ${sql.placeholder("userId")}`))
      .orderBy(desc(ideaFollows.ideaId))
      .limit(sql.placeholder("limit"))
      .prepare(),
  )
    .all({ userId, limit })
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** A person's own ideas, whatever their state (withdrawn and hidden included), for their home page. */
export function listOwnIdeas(db: Db, userId: string, limit = 5) {
  return prepared(db, "ideas:own-cards", () =>
    db
      .select({ ...cardColumns, hidden: sql<boolean>`${ideas.hiddenAt} is not null` })
      .from(ideas)
      .where(eq(ideas.authorId, sql.placeholder("userId")))
      .orderBy(desc(ideas.createdAt))
      .limit(sql.placeholder("limit"))
      .prepare(),
  )
    .all({ userId, limit })
    .map((r) => ({ ...r, hidden: !!r.hidden, createdAt: r.createdAt.toISOString() }));
}

export const AWAITING_PAGE_SIZE = 25;

/** Public ideas the city has not answered yet, oldest first: the council's work list. */
export function listAwaitingResponse(db: Db, page: number) {
  const rows = db
    .select({ ...cardColumns, authorName: users.displayName })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(and(eq(ideas.listed, true), sql`${ideas.firstResponseAt} is null`, eq(ideas.status, "published")))
    .orderBy(asc(ideas.createdAt), asc(ideas.id))
    .limit(AWAITING_PAGE_SIZE + 1)
    .offset((page - 1) * AWAITING_PAGE_SIZE)
    .all();
  return { rows: rows.slice(0, AWAITING_PAGE_SIZE).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), hasNext: rows.length > AWAITING_PAGE_SIZE };
}

/**
 * What council staff see to answer an idea: the idea, the statuses they may move it to, the
 * response templates in their language (and the chosen one as the pre-fill), the departments.
 * Null when the idea does not exist; "forbidden" when it belongs to another department.
 */
export function getStaffAnswerPage(db: Db, ideaId: number, staff: Actor, options: { locale: Locale; templateId: number | null }) {
  const idea = prepared(db, "ideas:page", () => buildIdeaQuery(db)).get({ id: ideaId });
  if (!idea || !isListed(idea)) return null;
  if (!canAnswerIdea(loadStaffScope(db, staff), idea)) return "forbidden" as const;
  const choices = staffChoices(idea.status);
  const templates = listTemplates(db, { locale: options.locale });
  const template = options.templateId ? (templates.find((t) => t.id === options.templateId) ?? null) : null;
  return {
    idea: {
      id: idea.id,
      title: idea.title,
      excerpt: idea.excerpt,
      status: idea.status,
      upCount: idea.upCount,
      departmentId: idea.departmentId,
      departmentEn: idea.departmentEn,
      departmentFr: idea.departmentFr,
      queueDueAt: idea.queueDueAt?.toISOString() ?? null,
      canTakeUp: !idea.queueDueAt && !idea.firstResponseAt && idea.status === "published",
    },
    choices,
    templates: templates.map(({ id, status, title }) => ({ id, status, title })),
    template,
    departments: listDepartments(db),
  };
}

/** The merge page: the idea, and listed ideas that look like it (candidates for its original). */
export function getMergePage(db: Db, ideaId: number, staff: Actor) {
  const idea = visibleIdea(db, ideaId, staff);
  if (!idea || !canMergeIdeas(staff)) return null;
  return {
    idea: { id: idea.id, title: idea.title, status: idea.status, upCount: idea.upCount },
    suggestions: idea.status === "merged" ? [] : findSimilarIdeas(db, `${idea.title} ${idea.excerpt}`, 6).filter((s) => s.id !== idea.id),
  };
}

/** What the public sees at a hidden idea's address: that a moderator hid it, and why (never the idea). */
export function getHiddenIdeaNotice(db: Db, ideaId: number) {
  const row = db.select({ hiddenAt: ideas.hiddenAt, hiddenKind: ideas.hiddenKind, hiddenReason: ideas.hiddenReason, status: ideas.status }).from(ideas).where(eq(ideas.id, ideaId)).get();
  if (!row?.hiddenAt || row.status === "withdrawn") return null;
  return { kind: row.hiddenKind ?? "moderator", reason: row.hiddenReason ?? "" };
}
