import { countVisibleComments } from "~/modules/comments/queries.server";
import { afterCommit, inTransaction } from "~/modules/events/subscriber";
import { setCommentCount } from "./state.server";
import { invalidateSearchCache } from "./search-cache.server";

/** An idea's comment count follows what the comments module counts as visible, in the same transaction. */
export const commentCountSubscriber = inTransaction("ideas.commentCount", ["comment.created", "comment.deleted"], (tx, event) => {
  setCommentCount(tx, event.ideaId, countVisibleComments(tx, event.ideaId));
});

/** A new, edited or withdrawn idea is found (or not) by the next search in this process. */
export const searchCacheSubscriber = afterCommit("ideas.searchCache", ["idea.created", "idea.edited", "idea.withdrawn"], () => {
  invalidateSearchCache();
});
