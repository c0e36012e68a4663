import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { commentRatings, comments } from "#db/schema";

/** A person's comments and the comments they found helpful, for their data export. */
export function personalCommentData(db: Db, userId: string) {
  return {
    comments: db
      .select({ id: comments.id, ideaId: comments.ideaId, parentId: comments.parentId, stance: comments.stance, body: comments.body, createdAt: comments.createdAt, editedAt: comments.editedAt, deletedAt: comments.deletedAt })
      .from(comments)
      .where(eq(comments.authorId, userId))
      .all(),
    helpfulRatings: db.select({ commentId: commentRatings.commentId, at: commentRatings.createdAt }).from(commentRatings).where(eq(commentRatings.userId, userId)).all(),
  };
}
