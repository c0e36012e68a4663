import { and, asc, desc, eq, isNull, sql, type AnyColumn } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { prepared } from "#db/prepared";
import { commentRatings, comments, users } from "#db/schema";
import type { Stance } from "#db/schema/ideas";
import type { Role } from "#db/schema/users";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { canEditComment, canRateComment, canReplyTo } from "./policy";

export const THREADS_PER_PAGE = 15;
export const ARGUMENTS_PER_SIDE = 5;

type Viewer = { id: string; role: Role } | null;

const commentColumns = {
  id: comments.id,
  parentId: comments.parentId,
  depth: comments.depth,
  body: comments.body,
  stance: comments.stance,
  helpfulCount: comments.helpfulCount,
  hiddenAt: comments.hiddenAt,
  hiddenReason: comments.hiddenReason,
  deletedAt: comments.deletedAt,
  editedAt: comments.editedAt,
  createdAt: comments.createdAt,
  authorId: comments.authorId,
  authorName: users.displayName,
  authorRole: users.role,
};

type Row = {
  id: number;
  parentId: number | null;
  depth: number;
  body: string;
  stance: Stance;
  helpfulCount: number;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  deletedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  authorId: string;
  authorName: string;
  authorRole: Role;
};

/**
 * What a reader receives for one comment. Hidden and deleted comments keep their place but not
 * their text: the body never leaves the server, except a hidden one to its own author with the reason.
 */
function present(row: Row, viewer: Viewer, ratedByViewer: Set<number>, ideaOpen: boolean) {
  const ownHidden = !!row.hiddenAt && viewer?.id === row.authorId;
  const visible = !row.deletedAt && (!row.hiddenAt || ownHidden);
  return {
    id: row.id,
    parentId: row.parentId,
    depth: row.depth,
    stance: row.stance,
    state: row.deletedAt ? ("deleted" as const) : row.hiddenAt ? ("hidden" as const) : ("visible" as const),
    html: visible ? renderMarkdown(row.body) : null,
    hiddenReason: ownHidden ? row.hiddenReason : null,
    helpfulCount: row.helpfulCount,
    editedAt: row.editedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    author: row.deletedAt ? null : { id: row.authorId, name: row.authorName, role: row.authorRole },
    can: {
      edit: canEditComment(viewer, row),
      // Rating and replying end with the idea (withdrawn, merged); editing one's own words does not.
      rate: ideaOpen && canRateComment(viewer, row),
      reply: ideaOpen && !!viewer && canReplyTo(row),
    },
    ratedHelpful: ratedByViewer.has(row.id),
  };
}

export type PresentedComment = ReturnType<typeof present>;

/** `column in (ids)` with the ids as one JSON parameter, so the statement can be prepared. */
const inJsonList = (column: AnyColumn) =>
  sql`${column} in (select value from json_each(${sql.placeholder("ids")}))`;

function ratedBy(viewer: Viewer, commentIds: number[]) {
  if (!viewer || commentIds.length === 0) return new Set<number>();
  const db = getDb();
  const rows = prepared(db, "comments-rated-by", () =>
    db
      .select({ id: commentRatings.commentId })
      .from(commentRatings)
      .where(and(eq(commentRatings.userId, sql.placeholder("userId")), inJsonList(commentRatings.commentId)))
      .prepare(),
  ).all({ userId: viewer.id, ids: JSON.stringify(commentIds) });
  return new Set(rows.map((r) => r.id));
}

const selectComments = (db: Db) => db.select(commentColumns).from(comments).innerJoin(users, eq(users.id, comments.authorId));

/** The best arguments for and against, ranked by residents' "helpful" ratings. */
export function listBestArguments(ideaId: number, viewer: Viewer, ideaOpen: boolean) {
  const db = getDb();
  const statement = prepared(db, "comments-best-arguments", () =>
    selectComments(db)
      .where(and(eq(comments.ideaId, sql.placeholder("ideaId")), eq(comments.stance, sql.placeholder("stance")), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
      .orderBy(desc(comments.helpfulCount), asc(comments.createdAt))
      .limit(ARGUMENTS_PER_SIDE)
      .prepare(),
  );
  const side = (stance: "for" | "against") => statement.all({ ideaId, stance });
  const forRows = side("for");
  const againstRows = side("against");
  const rated = ratedBy(viewer, [...forRows, ...againstRows].map((r) => r.id));
  return { for: forRows.map((r) => present(r, viewer, rated, ideaOpen)), against: againstRows.map((r) => present(r, viewer, rated, ideaOpen)) };
}

/**
 * One page of threads: top-level comments oldest first, with their replies (at most two levels
 * below). Three queries whatever the page holds.
 */
export function listDiscussion(ideaId: number, page: number, viewer: Viewer, ideaOpen: boolean) {
  const db = getDb();
  const roots = prepared(db, "comments-roots", () =>
    selectComments(db)
      .where(and(eq(comments.ideaId, sql.placeholder("ideaId")), isNull(comments.parentId)))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  ).all({ ideaId, limit: THREADS_PER_PAGE + 1, offset: (page - 1) * THREADS_PER_PAGE });
  const repliesTo = prepared(db, "comments-replies", () => selectComments(db).where(inJsonList(comments.parentId)).orderBy(asc(comments.createdAt), asc(comments.id)).prepare());
  const hasNext = roots.length > THREADS_PER_PAGE;
  const pageRoots = roots.slice(0, THREADS_PER_PAGE);
  const children = pageRoots.length ? repliesTo.all({ ids: JSON.stringify(pageRoots.map((r) => r.id)) }) : [];
  const grandchildren = children.length ? repliesTo.all({ ids: JSON.stringify(children.map((r) => r.id)) }) : [];
  const all = [...pageRoots, ...children, ...grandchildren];
  const rated = ratedBy(viewer, all.map((r) => r.id));
  const presented = all.map((r) => present(r, viewer, rated, ideaOpen));
  const byParent = new Map<number, PresentedComment[]>();
  for (const c of presented) {
    if (c.parentId === null) continue;
    byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  }
  type Thread = PresentedComment & { replies: Thread[] };
  const attach = (c: PresentedComment): Thread => ({ ...c, replies: (byParent.get(c.id) ?? []).map(attach) });
  return { threads: presented.filter((c) => c.parentId === null).map(attach), hasNext, page };
}

/** A resident's visible comments for their profile page. */
export function listCommentsByAuthor(authorId: string, limit = 20) {
  return getDb()
    .select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, stance: comments.stance, helpfulCount: comments.helpfulCount, createdAt: comments.createdAt, ideaTitle: sql<string>`ideas.title` })
    .from(comments)
    .innerJoin(sql`ideas`, sql`ideas.id = ${comments.ideaId} and ideas.listed = 1`)
    .where(and(eq(comments.authorId, authorId), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
    .orderBy(desc(comments.createdAt))
    .limit(limit)
    .all()
    .map(({ body, ...r }) => ({ ...r, html: renderMarkdown(body), createdAt: r.createdAt.toISOString() }));
}

/** "Helpful" ratings earned on visible comments of public ideas. */
export function sumHelpfulRatings(authorId: string) {
  return (
    getDb()
      .select({ n: sql<number>`coalesce(sum(${comments.helpfulCount}), 0)` })
      .from(comments)
      .innerJoin(sql`ideas`, sql`ideas.id = ${comments.ideaId} and ideas.listed = 1`)
      .where(and(eq(comments.authorId, authorId), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
      .get()?.n ?? 0
  );
}

/** The comment's text for its author to edit, or null. */
export function getCommentForEditing(commentId: number, viewer: Viewer) {
  const row = getDb()
    .select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, authorId: comments.authorId, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
    .from(comments)
    .where(eq(comments.id, commentId))
    .get();
  if (!row || !canEditComment(viewer, row)) return null;
  return { id: row.id, ideaId: row.ideaId, body: row.body };
}

/** A visible comment for the report page, or null. */
export function getReportableComment(commentId: number) {
  const row = getDb()
    .select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, authorName: users.displayName })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .innerJoin(sql`ideas`, sql`ideas.id = ${comments.ideaId} and ideas.listed = 1`)
    .where(and(eq(comments.id, commentId), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
    .get();
  if (!row) return null;
  const { body, ...rest } = row;
  return { ...rest, html: renderMarkdown(body) };
}

/** The discussion page that shows a comment (its thread's place among the top-level comments). */
export function discussionPageOf(commentId: number) {
  const db = getDb();
  const byId = (id: number) =>
    db.select({ id: comments.id, ideaId: comments.ideaId, parentId: comments.parentId, createdAt: comments.createdAt }).from(comments).where(eq(comments.id, id)).get();
  let root = byId(commentId);
  while (root?.parentId) root = byId(root.parentId);
  if (!root) return 1;
  const before = db
    .select({ n: sql<number>`count(*)` })
    .from(comments)
    .where(
      and(
        eq(comments.ideaId, root.ideaId),
        isNull(comments.parentId),
        sql`(${comments.createdAt} < ${root.createdAt.getTime() / 1000} or (${comments.createdAt} = ${root.createdAt.getTime() / 1000} and ${comments.id} < ${root.id}))`,
      ),
    )
    .get()!.n;
  return Math.floor(before / THREADS_PER_PAGE) + 1;
}
