import type { Actor } from "~/modules/commands/actor";
import { MAX_COMMENT_DEPTH } from "./stances";

type Viewer = Pick<Actor, "id"> | null;
type CommentState = { authorId: string; deletedAt: Date | string | null; hiddenAt: Date | string | null };

export function canEditComment(viewer: Viewer, comment: CommentState) {
  return !!viewer && viewer.id === comment.authorId && !comment.deletedAt && !comment.hiddenAt;
}

export function canReplyTo(parent: { depth: number; deletedAt: Date | string | null; hiddenAt: Date | string | null }) {
  return parent.depth < MAX_COMMENT_DEPTH && !parent.deletedAt && !parent.hiddenAt;
}

/** Rating your own argument helpful would be self-promotion. */
export function canRateComment(viewer: Viewer, comment: CommentState) {
  return !!viewer && viewer.id !== comment.authorId && !comment.deletedAt && !comment.hiddenAt;
}
