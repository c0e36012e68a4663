import { afterCommit, inTransaction } from "~/modules/events/subscriber";
import { loadIdeaState } from "~/modules/ideas/state.server";
import { fileReportInCase, findOpenCase, openCase } from "./cases.server";
import { closeCaseAsMerged } from "./commands.server";
import { scoreCaseContent } from "./spam.server";

/** A report joins its case, in its own transaction, and may hide the item pending review. */
export const reportCaseSubscriber = inTransaction("moderation.reportCase", ["report.filed"], (tx, event) => fileReportInCase(tx, event));

/** A duplicate merged into another idea leaves the queue as "merged". */
export const mergeClosesCaseSubscriber = inTransaction("moderation.mergeClosesCase", ["idea.merged"], (tx, event) => closeCaseAsMerged(tx, event.duplicateId, event.actorId));

/** An idea sent back for changes and then edited by its author goes back to the moderators. */
export const editedIdeaSubscriber = inTransaction("moderation.editedIdea", ["idea.edited"], (tx, event) => {
  const idea = loadIdeaState(tx, event.ideaId);
  if (!idea || idea.hiddenKind !== "needs_changes") return;
  openCase(tx, { targetType: "idea", targetId: idea.id, ideaId: idea.id, authorId: idea.authorId }, "edited");
});

/** The spam signal of a new case, after the report's commit (it reads the week's posts). */
export const spamScoreSubscriber = afterCommit("moderation.spamScore", ["report.filed"], (db, event) => {
  const found = findOpenCase(db, event.targetType, event.targetId);
  if (found) scoreCaseContent(db, found.id);
});
