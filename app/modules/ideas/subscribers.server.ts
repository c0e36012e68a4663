import { countVisibleComments } from "~/modules/comments/queries.server";
import { afterCommit, inTransaction } from "~/modules/events/subscriber";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { forgetResponseRecord } from "./queue.server";
import { invalidateSearchCache } from "./search-cache.server";
import { loadIdeaState, setCommentCount } from "./state.server";
import { enqueueIdeaCore } from "./status.server";
import { TIMELINE_EVENTS, recordOnTimeline } from "./timeline.server";

/** An idea's comment count follows what the comments module counts as visible, in the same transaction. */
export const commentCountSubscriber = inTransaction("ideas.commentCount", ["comment.created", "comment.deleted", "content.hidden", "content.restored"], (tx, event) => {
  if ((event.type === "content.hidden" || event.type === "content.restored") && event.targetType !== "comment") return;
  setCommentCount(tx, event.ideaId, countVisibleComments(tx, event.ideaId));
});

/** The public timeline is written with the change it records, or not at all. */
export const timelineSubscriber = inTransaction("ideas.timeline", TIMELINE_EVENTS, (tx, event) => recordOnTimeline(tx, event));

/** An idea that reaches the support threshold enters the staff queue in the same transaction. */
export const supportThresholdSubscriber = inTransaction("ideas.supportThreshold", ["idea.supportChanged"], (tx, event) => {
  const idea = loadIdeaState(tx, event.ideaId);
  if (!idea || idea.queuedAt || idea.upCount < getSiteSettings(tx).queue.supportThreshold) return;
  const queued = enqueueIdeaCore(tx, idea, "threshold", null);
  return queued.ok ? queued.events : [];
});

/** A new, edited, answered, withdrawn or merged idea is found (or not) by the next search in this process. */
export const searchCacheSubscriber = afterCommit("ideas.searchCache", ["idea.created", "idea.edited", "idea.statusChanged", "idea.merged", "idea.unmerged", "content.hidden", "content.restored"], () => {
  invalidateSearchCache();
});

/** The public response record is recomputed after the city acts (queued, answered, reassigned, merged). */
export const responseRecordSubscriber = afterCommit(
  "ideas.responseRecord",
  ["idea.queued", "idea.statusChanged", "idea.responded", "idea.reassigned", "idea.merged", "idea.unmerged", "idea.routed", "content.hidden", "content.restored"],
  (db) => forgetResponseRecord(db),
);
