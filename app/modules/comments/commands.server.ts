import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { commentRatings, comments, ideas } from "#db/schema";
import { refreshCommentCount, type Actor } from "~/modules/ideas/commands.server";
import { isIdeaOpen, isListed } from "~/modules/ideas/policy";
import { takePostingAllowance } from "~/modules/limits/posting.server";
import { isActiveUser } from "~/modules/users/active.server";
import { canEditComment, canRateComment, canReplyTo } from "./policy";
import type { CommentCreate } from "./validation";

type Refusal =
  | { ok: false; error: "suspended" | "notFound" | "forbidden" | "closed" | "tooDeep" }
  | { ok: false; error: "rateLimited"; retryAfterSeconds: number };

function openIdea(tx: Pick<Db, "select">, ideaId: number) {
  const idea = tx.select({ status: ideas.status, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, ideaId)).get();
  if (!idea || !isListed(idea)) return "notFound" as const;
  return isIdeaOpen(idea) ? null : ("closed" as const);
}

export async function createComment(actor: Actor, ideaId: number, input: CommentCreate): Promise<{ ok: true; id: number } | Refusal> {
  const retryAfterSeconds = await takePostingAllowance("comment", actor.id);
  if (retryAfterSeconds) return { ok: false, error: "rateLimited", retryAfterSeconds };
  return getDb().transaction(
    (tx): { ok: true; id: number } | Refusal => {
      if (!isActiveUser(tx, actor.id)) return { ok: false, error: "suspended" };
      const closed = openIdea(tx, ideaId);
      if (closed) return { ok: false, error: closed };
      let depth = 0;
      if (input.parentId !== undefined) {
        const parent = tx
          .select({ depth: comments.depth, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
          .from(comments)
          .where(and(eq(comments.id, input.parentId), eq(comments.ideaId, ideaId)))
          .get();
        if (!parent) return { ok: false, error: "notFound" };
        if (!canReplyTo(parent)) return { ok: false, error: "tooDeep" };
        depth = parent.depth + 1;
      }
      const { id } = tx
        .insert(comments)
        .values({ ideaId, authorId: actor.id, parentId: input.parentId ?? null, depth, body: input.body, stance: input.stance, createdAt: new Date() })
        .returning({ id: comments.id })
        .get();
      refreshCommentCount(tx, ideaId);
      return { ok: true, id };
    },
    { behavior: "immediate" },
  );
}

function loadComment(tx: Pick<Db, "select">, commentId: number) {
  return tx
    .select({ id: comments.id, ideaId: comments.ideaId, authorId: comments.authorId, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt })
    .from(comments)
    .where(eq(comments.id, commentId))
    .get();
}

export function editComment(actor: Actor, commentId: number, body: string): { ok: true; ideaId: number } | Refusal {
  return getDb().transaction(
    (tx): { ok: true; ideaId: number } | Refusal => {
      const comment = loadComment(tx, commentId);
      if (!comment) return { ok: false, error: "notFound" };
      if (!isActiveUser(tx, actor.id)) return { ok: false, error: "suspended" };
      if (!canEditComment(actor, comment)) return { ok: false, error: "forbidden" };
      tx.update(comments).set({ body, editedAt: new Date() }).where(eq(comments.id, commentId)).run();
      return { ok: true, ideaId: comment.ideaId };
    },
    { behavior: "immediate" },
  );
}

/** The comment keeps its place in the thread as "deleted"; its text is gone. */
export function deleteComment(actor: Actor, commentId: number): { ok: true; ideaId: number } | Refusal {
  return getDb().transaction(
    (tx): { ok: true; ideaId: number } | Refusal => {
      const comment = loadComment(tx, commentId);
      if (!comment) return { ok: false, error: "notFound" };
      if (!canEditComment(actor, comment)) return { ok: false, error: "forbidden" };
      tx.update(comments).set({ body: "[deleted]", deletedAt: new Date(), helpfulCount: 0 }).where(eq(comments.id, commentId)).run();
      tx.delete(commentRatings).where(eq(commentRatings.commentId, commentId)).run();
      refreshCommentCount(tx, comment.ideaId);
      return { ok: true, ideaId: comment.ideaId };
    },
    { behavior: "immediate" },
  );
}

/** One "helpful" rating per resident per comment; the count moves with it. */
export function rateComment(actor: Actor, commentId: number, helpful: boolean): { ok: true; ideaId: number; helpfulCount: number } | Refusal {
  return getDb().transaction(
    (tx) => {
      const comment = loadComment(tx, commentId);
      if (!comment) return { ok: false as const, error: "notFound" as const };
      if (!isActiveUser(tx, actor.id)) return { ok: false as const, error: "suspended" as const };
      const closed = openIdea(tx, comment.ideaId);
      if (closed) return { ok: false as const, error: closed };
      if (!canRateComment(actor, comment)) return { ok: false as const, error: "forbidden" as const };
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
      return { ok: true as const, ideaId: comment.ideaId, helpfulCount };
    },
    { behavior: "immediate" },
  );
}
