import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { commentRatings, comments } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { done, rateLimited, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { ideaParticipation } from "~/modules/ideas/state.server";
import { takePostingAllowance } from "~/modules/limits/posting.server";
import { checkActive, checkParticipant, isRefusal } from "~/modules/users/standing.server";
import { canEditComment, canRateComment, canReplyTo } from "./policy";
import type { HiddenKind } from "~/modules/moderation/kinds";
import type { CommentCreate } from "./validation";

function loadComment(tx: Tx, commentId: number) {
  return tx
    .select({ id: comments.id, ideaId: comments.ideaId, authorId: comments.authorId, depth: comments.depth, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
    .from(comments)
    .where(eq(comments.id, commentId))
    .get();
}

export async function createComment(db: Db, actor: Actor, ideaId: number, input: CommentCreate): Promise<Outcome<{ id: number }>> {
  const early = checkParticipant(db, actor.id);
  if (isRefusal(early)) return early;
  const wait = await takePostingAllowance("comment", actor.id);
  if (wait) return rateLimited(wait);
  return runCommand(db, (tx) => {
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    const idea = ideaParticipation(tx, ideaId);
    if (typeof idea === "string") return refuse(idea);
    let depth = 0;
    if (input.parentId !== undefined) {
      const parent = loadComment(tx, input.parentId);
      if (!parent || parent.ideaId !== ideaId) return refuse("notFound");
      if (!canReplyTo(parent)) return refuse("tooDeep");
      depth = parent.depth + 1;
    }
    const { id } = tx
      .insert(comments)
      .values({ ideaId, authorId: actor.id, parentId: input.parentId ?? null, depth, body: input.body, stance: input.stance, createdAt: new Date() })
      .returning({ id: comments.id })
      .get();
    return done({ id }, [{ type: "comment.created", commentId: id, ideaId, parentId: input.parentId ?? null, actorId: actor.id }]);
  });
}

export function editComment(db: Db, actor: Actor, commentId: number, body: string): Outcome<{ ideaId: number }> {
  return runCommand(db, (tx) => {
    const comment = loadComment(tx, commentId);
    if (!comment) return refuse("notFound");
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (!canEditComment(actor, comment)) return refuse("forbidden");
    tx.update(comments).set({ body, editedAt: new Date() }).where(eq(comments.id, commentId)).run();
    return done({ ideaId: comment.ideaId }, [{ type: "comment.edited", commentId, ideaId: comment.ideaId, actorId: actor.id }]);
  });
}

/**
 * The comment keeps its place in the thread as "deleted"; its text is gone. An author may take
 * back their words even before confirming their address, but not while suspended.
 */
export function deleteComment(db: Db, actor: Actor, commentId: number): Outcome<{ ideaId: number }> {
  return runCommand(db, (tx) => {
    const comment = loadComment(tx, commentId);
    if (!comment) return refuse("notFound");
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (!canEditComment(actor, comment)) return refuse("forbidden");
    tx.update(comments).set({ body: "[deleted]", deletedAt: new Date(), helpfulCount: 0 }).where(eq(comments.id, commentId)).run();
    tx.delete(commentRatings).where(eq(commentRatings.commentId, commentId)).run();
    return done({ ideaId: comment.ideaId }, [{ type: "comment.deleted", commentId, ideaId: comment.ideaId, actorId: actor.id }]);
  });
}

/** One "helpful" rating per resident per comment; the count moves with it. */
export function rateComment(db: Db, actor: Actor, commentId: number, helpful: boolean): Outcome<{ ideaId: number; helpfulCount: number; rated: boolean }> {
  return runCommand(db, (tx) => {
    const comment = loadComment(tx, commentId);
    if (!comment) return refuse("notFound");
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    const idea = ideaParticipation(tx, comment.ideaId);
    if (typeof idea === "string") return refuse(idea);
    if (!canRateComment(actor, comment)) return refuse("forbidden");
    if (helpful) {
      tx.insert(commentRatings).values({ commentId, userId: actor.id, createdAt: new Date() }).onConflictDoNothing().run();
    } else {
      tx.delete(commentRatings).where(and(eq(commentRatings.commentId, commentId), eq(commentRatings.userId, actor.id))).run();
    }
    const { helpfulCount } = tx
      .update(comments)
      .set({ helpfulCount: sql`(select count(*) from ${commentRatings} where ${commentRatings.commentId} = ${commentId})` })
      .where(eq(comments.id, commentId))
      .returning({ helpfulCount: comments.helpfulCount })
      .get()!;
    return done({ ideaId: comment.ideaId, helpfulCount, rated: helpful });
  });
}

/**
 * Hides a comment with its public reason, or shows it again (`hidden` null), for the moderation
 * module, inside its command's transaction. Returns the comment as it was, or null.
 */
export function setCommentHiddenCore(tx: Tx, commentId: number, hidden: { reason: string; kind: HiddenKind } | null, now = new Date()) {
  const row = tx.select({ id: comments.id, ideaId: comments.ideaId, authorId: comments.authorId, hiddenAt: comments.hiddenAt, deletedAt: comments.deletedAt }).from(comments).where(eq(comments.id, commentId)).get();
  if (!row) return null;
  tx.update(comments)
    .set(hidden ? { hiddenAt: row.hiddenAt ?? now, hiddenReason: hidden.reason, hiddenKind: hidden.kind } : { hiddenAt: null, hiddenReason: null, hiddenKind: null })
    .where(eq(comments.id, commentId))
    .run();
  return row;
}
