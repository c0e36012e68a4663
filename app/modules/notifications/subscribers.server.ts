import type { Tx } from "#db/client";
import { announcementRecipients, getAnnouncementTitle } from "~/modules/announcements/queries.server";
import { ballotNotice, budgetRecipientParams, budgetRecipients, loadCycle } from "~/modules/budgets/queries.server";
import { votingEnd } from "~/modules/budgets/phases";
import { commentRecipients, discussionPageOf } from "~/modules/comments/queries.server";
import type { DomainEvent, DomainEventType } from "~/modules/events/catalogue";
import { afterCommit, inTransaction } from "~/modules/events/subscriber";
import { ideaRecipients, latestTimelineEntryId } from "~/modules/ideas/audience.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { wakeSender } from "~/modules/mail/sender.server";
import { caseSummary } from "~/modules/moderation/cases.server";
import { reportRecipients } from "~/modules/reports/queries.server";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { userRecipients } from "~/modules/users/queries.server";
import { notify } from "./fanout.server";

/** The events that notify someone. A later feature adds its events here and a case below. */
export const NOTIFYING_EVENTS = ["idea.statusChanged", "idea.responded", "idea.merged", "comment.created", "content.hidden", "content.restored", "moderation.decided", "ballot.submitted", "budget.votingOpened", "budget.votingClosing", "budget.resultsPublished", "project.updated", "announcement.posted"] as const satisfies readonly DomainEventType[];

type NotifyingEvent = Extract<DomainEvent, { type: (typeof NOTIFYING_EVENTS)[number] }>;

/** Who is told what, for each event (inside the transaction of the change). */
export function fanOut(tx: Tx, event: NotifyingEvent) {
  switch (event.type) {
    case "idea.statusChanged":
    case "idea.responded": {
      // A merge has a notice of its own; a withdrawal is the author's own doing and unlists the idea.
      if (event.type === "idea.statusChanged" && (event.via === "merge" || event.via === "author")) return;
      const answered = event.type === "idea.responded" || event.response !== null;
      const notice = {
        kind: answered ? ("idea_answered" as const) : ("idea_status" as const),
        ideaId: event.ideaId,
        actorId: event.actorId,
        data: { timelineId: latestTimelineEntryId(tx, event.ideaId), ...(event.type === "idea.statusChanged" ? { from: event.from, to: event.to } : {}) },
        params: { ideaId: event.ideaId },
      };
      notify(tx, "idea-author", ideaRecipients.author, { ...notice, group: "own_ideas" });
      notify(tx, "idea-audience", ideaRecipients.followersAndSupporters, { ...notice, group: "followed_ideas" });
      return;
    }
    case "idea.merged": {
      const notice = { kind: "idea_merged" as const, ideaId: event.duplicateId, actorId: event.actorId, data: { originalId: event.originalId } };
      notify(tx, "idea-author", ideaRecipients.author, { ...notice, group: "own_ideas", params: { ideaId: event.duplicateId } });
      notify(tx, "merge-moved", ideaRecipients.movedByMerge, { ...notice, group: "followed_ideas", params: { ideaId: event.duplicateId, mergeId: event.mergeId } });
      return;
    }
    case "comment.created": {
      const page = discussionPageOf(tx, event.commentId);
      const base = { ideaId: event.ideaId, commentId: event.commentId, actorId: event.actorId, data: { page } };
      const replied = event.parentId ? notify(tx, "comment-parent", commentRecipients.parentAuthor, { ...base, kind: "comment_reply", group: "replies", params: { parentId: event.parentId } }) : [];
      // The person told of the reply is not told again of the same comment.
      const exceptId = replied[0]?.userId ?? "";
      notify(tx, "idea-followers", ideaRecipients.followersExcept, { ...base, kind: "idea_comments", group: "followed_comments", params: { ideaId: event.ideaId, exceptId } }, { grouped: true });
      return;
    }
    case "content.hidden":
    case "content.restored": {
      const hidden = event.type === "content.hidden";
      notify(tx, "one-user", userRecipients.one, {
        kind: hidden ? "content_hidden" : "content_restored",
        group: "own_ideas",
        ideaId: event.ideaId,
        commentId: event.targetType === "comment" ? event.targetId : null,
        actorId: event.actorId,
        data: { targetType: event.targetType, ...(hidden ? { reason: event.reason, hiddenKind: event.kind } : {}) },
        params: { userId: event.authorId },
      });
      return;
    }
    case "ballot.submitted": {
      // The voter alone, with the receipt and the time, never the choices; the receipt e-mail always goes.
      const about = ballotNotice(tx, event.cycleId, event.envelopeId);
      const data = { ...about, code: event.receiptCode, castAt: event.castAt, replaced: event.replaced ? 1 : 0 };
      notify(tx, "one-user", userRecipients.one, { kind: "ballot_recorded", group: "budget", ideaId: null, actorId: null, data, params: { userId: event.voterId } });
      enqueueMail(tx, { userId: event.voterId, kind: "ballot_receipt", data: { ...data, timeZone: getSiteSettings(tx).timeZone, url: `/budgets/${about.cycle}/ballot` } });
      return;
    }
    case "announcement.posted": {
      const found = getAnnouncementTitle(tx, event.announcementId);
      notify(tx, "announcement", announcementRecipients.audience, {
        kind: "announcement",
        group: "announcements",
        ideaId: null,
        actorId: event.actorId,
        data: { announcementId: event.announcementId, title: found?.title ?? "", link: found?.link ?? null },
        params: { districtId: event.districtId as unknown as number },
      });
      return;
    }
    case "project.updated": {
      // A project's news reaches its proposer, supporters and followers (voters follow from their receipt).
      const notice = { kind: "project_update" as const, ideaId: event.ideaId, actorId: event.actorId, data: { updateId: event.updateId }, params: { ideaId: event.ideaId } };
      notify(tx, "idea-author", ideaRecipients.author, { ...notice, group: "projects" });
      notify(tx, "idea-audience", ideaRecipients.followersAndSupporters, { ...notice, group: "projects" });
      return;
    }
    case "budget.resultsPublished": {
      const cycle = loadCycle(tx, event.cycleId);
      if (!cycle) return;
      notify(tx, "budget-voters", budgetRecipients.voters, { kind: "results_published", group: "budget", ideaId: null, actorId: event.actorId, data: { cycle: cycle.slug, cycleName: cycle.name }, params: { cycleId: cycle.id } });
      return;
    }
    case "budget.votingOpened":
    case "budget.votingClosing": {
      const cycle = loadCycle(tx, event.cycleId);
      if (!cycle) return;
      const opened = event.type === "budget.votingOpened";
      notify(tx, opened ? "budget-eligible" : "budget-not-voted", opened ? budgetRecipients.eligible : budgetRecipients.eligibleNotVoted, {
        kind: opened ? "voting_opened" : "voting_closing",
        group: "budget",
        ideaId: null,
        actorId: null,
        data: { cycle: cycle.slug, cycleName: cycle.name, endsAt: votingEnd(cycle).toISOString(), timeZone: getSiteSettings(tx).timeZone },
        params: budgetRecipientParams(cycle, new Date()),
      });
      return;
    }
    case "moderation.decided": {
      const found = caseSummary(tx, event.caseId);
      // Silencing is about a person, not the reported content: reporters hear of the content's decision.
      if (!found || event.action === "silenced" || found.kind !== "reports") return;
      notify(tx, "case-reporters", reportRecipients.ofCase, {
        kind: "report_outcome",
        group: "reports",
        ideaId: found.ideaId,
        commentId: found.targetType === "comment" ? found.targetId : null,
        actorId: event.actorId,
        data: { action: event.action, targetType: found.targetType },
        params: { caseId: event.caseId },
      });
      return;
    }
  }
}

export const notificationsSubscriber = inTransaction("notifications.fanOut", NOTIFYING_EVENTS, (tx, event) => fanOut(tx, event));

/** The sender delivers the e-mails the fan-out queued, as soon as they are committed. */
export const wakeSenderSubscriber = afterCommit("notifications.wakeSender", NOTIFYING_EVENTS, () => wakeSender());
