import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { QueryBuilder } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { commentRatings, comments, users } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { listedIdeaCondition, listedIdeaTitles } from "~/modules/ideas/state.server";
import { markdownToPlainText, renderMarkdown } from "~/modules/markdown/render.server";
import type { Role } from "~/modules/users/roles";
import { canEditComment, canRateComment, canReplyTo } from "./policy";
import type { HiddenKind } from "~/modules/moderation/kinds";
import type { Stance } from "./stances";

export const THREADS_PER_PAGE = 15;
export const ARGUMENTS_PER_SIDE = 5;

type Viewer = Actor | null;

const commentColumns = {
  id: comments.id,
  parentId: comments.parentId,
  depth: comments.depth,
  body: comments.body,
  stance: comments.stance,
  helpfulCount: comments.helpfulCount,
  hiddenAt: comments.hiddenAt,
  hiddenReason: comments.hiddenReason,
  hiddenKind: comments.hiddenKind,
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
  hiddenKind: HiddenKind | null;
  deletedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  authorId: string;
  authorName: string;
  authorRole: Role;
};

/**
 * What a reader receives for one comment. Hidden and deleted comments keep their place but not
 * their text: the body of a hidden one goes to its own author only; the moderator's public reason
 * is shown to everyone in its place.
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
    hiddenReason: row.hiddenAt && !row.deletedAt ? row.hiddenReason : null,
    hiddenKind: row.hiddenAt && !row.deletedAt ? row.hiddenKind : null,
    ownHidden,
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

/** Ids in chunks of at most CHUNK, so each list length has one prepared statement. */
const CHUNK = 50;
function chunks<T>(values: T[]) {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

function ratedBy(db: Db, viewer: Viewer, commentIds: number[]) {
  if (!viewer || commentIds.length === 0) return new Set<number>();
  const rated = new Set<number>();
  for (const ids of chunks(commentIds)) {
    const rows = prepared(db, `comments:rated-by:${ids.length}`, () =>
      db
        .select({ id: commentRatings.commentId })
        .from(commentRatings)
        .where(and(eq(commentRatings.userId, sql.placeholder("userId")), inList(commentRatings.commentId, ids.length)))
        .prepare(),
    ).all({ userId: viewer.id, ...listParams(ids) });
    for (const r of rows) rated.add(r.id);
  }
  return rated;
}

/** The replies to a set of comments, oldest first (one prepared statement per chunk length). */
function repliesTo(db: Db, parentIds: number[]) {
  return chunks(parentIds)
    .flatMap((ids) =>
      prepared(db, `comments:replies:${ids.length}`, () => selectComments(db).where(inList(comments.parentId, ids.length)).prepare()).all(listParams(ids)),
    )
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
}

const selectComments = (db: Db) => db.select(commentColumns).from(comments).innerJoin(users, eq(users.id, comments.authorId));

/** The best arguments for and against, ranked by residents' "helpful" ratings. */
export function listBestArguments(db: Db, ideaId: number, viewer: Viewer, ideaOpen: boolean) {
  const statement = prepared(db, "comments:best-arguments", () =>
    selectComments(db)
      .where(and(eq(comments.ideaId, sql.placeholder("ideaId")), eq(comments.stance, sql.placeholder("stance")), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
      .orderBy(desc(comments.helpfulCount), asc(comments.createdAt))
      .limit(ARGUMENTS_PER_SIDE)
      .prepare(),
  );
  const side = (stance: "for" | "against") => statement.all({ ideaId, stance });
  const forRows = side("for");
  const againstRows = side("against");
  const rated = ratedBy(db, viewer, [...forRows, ...againstRows].map((r) => r.id));
  return { for: forRows.map((r) => present(r, viewer, rated, ideaOpen)), against: againstRows.map((r) => present(r, viewer, rated, ideaOpen)) };
}

/**
 * One page of threads: top-level comments oldest first, with their replies (at most two levels
 * below). Three queries whatever the page holds.
 */
export function listDiscussion(db: Db, ideaId: number, page: number, viewer: Viewer, ideaOpen: boolean) {
  const roots = prepared(db, "comments:roots", () =>
    selectComments(db)
      .where(and(eq(comments.ideaId, sql.placeholder("ideaId")), isNull(comments.parentId)))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  ).all({ ideaId, limit: THREADS_PER_PAGE + 1, offset: (page - 1) * THREADS_PER_PAGE });
  const hasNext = roots.length > THREADS_PER_PAGE;
  const pageRoots = roots.slice(0, THREADS_PER_PAGE);
  const children = repliesTo(db, pageRoots.map((r) => r.id));
  const grandchildren = repliesTo(db, children.map((r) => r.id));
  const all = [...pageRoots, ...children, ...grandchildren];
  const rated = ratedBy(db, viewer, all.map((r) => r.id));
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

/** A resident's visible comments on listed ideas, for their profile page. */
export function listCommentsByAuthor(db: Db, authorId: string, limit = 20) {
  const rows = db
    .select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, stance: comments.stance, helpfulCount: comments.helpfulCount, createdAt: comments.createdAt })
    .from(comments)
    .where(and(eq(comments.authorId, authorId), isNull(comments.deletedAt), isNull(comments.hiddenAt), listedIdeaCondition(comments.ideaId)))
    .orderBy(desc(comments.createdAt))
    .limit(limit)
    .all();
  const titles = listedIdeaTitles(db, rows.map((r) => r.ideaId));
  return rows.map(({ body, ...r }) => ({ ...r, ideaTitle: titles.get(r.ideaId) ?? "", html: renderMarkdown(body), createdAt: r.createdAt.toISOString() }));
}

/** "Helpful" ratings earned on visible comments of public ideas. */
export function sumHelpfulRatings(db: Db, authorId: string) {
  return (
    db
      .select({ n: sql<number>`coalesce(sum(${comments.helpfulCount}), 0)` })
      .from(comments)
      .where(and(eq(comments.authorId, authorId), isNull(comments.deletedAt), isNull(comments.hiddenAt), listedIdeaCondition(comments.ideaId)))
      .get()?.n ?? 0
  );
}

/** The visible comments of an idea: what its comment count shows. */
export function countVisibleComments(db: Db, ideaId: number) {
  return (
    prepared(db, "comments:count-visible", () =>
      db
        .select({ n: count() })
        .from(comments)
        .where(and(eq(comments.ideaId, sql.placeholder("ideaId")), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
        .prepare(),
    ).get({ ideaId })?.n ?? 0
  );
}

/** The comment's text for its author to edit, or null. */
export function getCommentForEditing(db: Db, commentId: number, viewer: Viewer) {
  const row = db
    .select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, authorId: comments.authorId, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
    .from(comments)
    .where(eq(comments.id, commentId))
    .get();
  if (!row || !canEditComment(viewer, row)) return null;
  return { id: row.id, ideaId: row.ideaId, body: row.body };
}

/** A visible comment on a listed idea, for the report page, or null. */
export function getReportableComment(db: Db, commentId: number) {
  const row = db
    .select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, authorName: users.displayName })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.id, commentId), isNull(comments.deletedAt), isNull(comments.hiddenAt), listedIdeaCondition(comments.ideaId)))
    .get();
  if (!row) return null;
  const { body, ...rest } = row;
  return { ...rest, html: renderMarkdown(body) };
}

/** The discussion page that shows a comment (its thread's place among the top-level comments). */
export function discussionPageOf(db: Db, commentId: number) {
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

/** A comment's idea and whether it is visible, for modules that act on comments (reports, moderation). */
export function getCommentRef(db: Db, commentId: number) {
  const row = db
    .select({ id: comments.id, ideaId: comments.ideaId, authorId: comments.authorId, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt, hiddenKind: comments.hiddenKind })
    .from(comments)
    .where(eq(comments.id, commentId))
    .get();
  return row ? { id: row.id, ideaId: row.ideaId, authorId: row.authorId, hiddenAt: row.hiddenAt, hiddenKind: row.hiddenKind, deleted: !!row.deletedAt, visible: !row.deletedAt && !row.hiddenAt } : null;
}

/** Who hears about a reply: the author of the comment replied to (placeholder `parentId`), while it is shown. */
export const commentRecipients = {
  parentAuthor: (qb: QueryBuilder) =>
    qb
      .select({ userId: sql<string>`${comments.authorId}`.as("user_id") })
      .from(comments)
      .where(and(eq(comments.id, sql.placeholder("parentId")), isNull(comments.deletedAt), isNull(comments.hiddenAt))),
};

export const NOTICE_EXCERPT_LENGTH = 280;

/** A comment's plain-text start for a notification e-mail, or null once it is deleted or hidden. */
export function getCommentNotice(db: Db, commentId: number) {
  const row = prepared(db, "comments:notice", () =>
    db
      .select({ body: comments.body, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
      .from(comments)
      .where(eq(comments.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: commentId });
  if (!row || row.deletedAt || row.hiddenAt) return null;
  return { excerpt: markdownToPlainText(row.body, NOTICE_EXCERPT_LENGTH) };
}

/** For the spam signal: how many other accounts posted exactly this text since a date. */
export function countCommentTextByOthers(db: Db, body: string, authorId: string, since: Date) {
  return db
    .select({ n: sql<number>`count(distinct ${comments.authorId})` })
    .from(comments)
    .where(and(sql`${comments.createdAt} >= ${Math.floor(since.getTime() / 1000)}`, eq(comments.body, body), sql`${comments.authorId} <> ${authorId}`))
    .get()!.n;
}

/** For the spam signal: how many comments a person posted since a date. */
export function countCommentsSince(db: Db, authorId: string, since: Date) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(comments)
    .where(and(eq(comments.authorId, authorId), sql`${comments.createdAt} >= ${Math.floor(since.getTime() / 1000)}`))
    .get()!.n;
}

/** A comment's text and author for moderators (and the spam signal), whatever its state. */
export function getCommentForModeration(db: Db, commentId: number) {
  const row = db.select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, authorId: comments.authorId, createdAt: comments.createdAt, deletedAt: comments.deletedAt }).from(comments).where(eq(comments.id, commentId)).get();
  return row ?? null;
}

/** Comments as moderators see them in the queue, whatever their state: a plain-text start and the hiding. */
export function listCommentsForModeration(db: Db, commentIds: number[]) {
  const ids = [...new Set(commentIds)];
  if (ids.length === 0) return new Map<number, { id: number; ideaId: number; excerpt: string; hiddenAt: Date | null; hiddenKind: string | null; hiddenReason: string | null; deleted: boolean }>();
  const rows = prepared(db, `comments:for-moderation:${ids.length}`, () =>
    db
      .select({ id: comments.id, ideaId: comments.ideaId, body: comments.body, hiddenAt: comments.hiddenAt, hiddenKind: comments.hiddenKind, hiddenReason: comments.hiddenReason, deletedAt: comments.deletedAt })
      .from(comments)
      .where(inList(comments.id, ids.length))
      .prepare(),
  ).all(listParams(ids));
  return new Map(rows.map((r) => [r.id, { id: r.id, ideaId: r.ideaId, excerpt: markdownToPlainText(r.body, NOTICE_EXCERPT_LENGTH), hiddenAt: r.hiddenAt, hiddenKind: r.hiddenKind, hiddenReason: r.hiddenReason, deleted: !!r.deletedAt }]));
}
