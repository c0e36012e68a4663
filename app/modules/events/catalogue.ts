import type { TransitionVia } from "~/modules/ideas/lifecycle";
import type { IdeaStatus, QueueReason } from "~/modules/ideas/statuses";
import type { Decision, HiddenKind } from "~/modules/moderation/kinds";
import type { ReportTarget } from "~/modules/reports/reasons";

/** An official response or a merge note, as written (Markdown) and as shown (sanitized HTML). */
export type PublicText = { body: string; bodyHtml: string };

/**
 * Every domain event a command can raise, with the ids it concerns. Commands return them; the
 * runner hands them to subscribers (app/modules/events/subscribers.server.ts). An event says what
 * happened, never what to do about it: the subscribers decide. Client-safe: no database import.
 */
export type DomainEvent =
  | { type: "idea.created"; ideaId: number; actorId: string }
  | { type: "idea.edited"; ideaId: number; actorId: string }
  | { type: "idea.supportChanged"; ideaId: number; actorId: string }
  | { type: "idea.routed"; ideaId: number; departmentId: number }
  | { type: "idea.reassigned"; ideaId: number; actorId: string; fromDepartmentId: number | null; toDepartmentId: number; note: PublicText }
  | { type: "idea.queued"; ideaId: number; reason: QueueReason; actorId: string | null }
  | { type: "idea.statusChanged"; ideaId: number; actorId: string; from: IdeaStatus; to: IdeaStatus; via: TransitionVia; departmentId: number | null; response: PublicText | null }
  | { type: "idea.responded"; ideaId: number; actorId: string; departmentId: number | null; response: PublicText }
  | { type: "idea.merged"; mergeId: number; duplicateId: number; originalId: number; actorId: string; note: PublicText }
  | { type: "idea.unmerged"; mergeId: number; duplicateId: number; originalId: number; actorId: string }
  | { type: "comment.created"; commentId: number; ideaId: number; parentId: number | null; actorId: string }
  | { type: "comment.edited"; commentId: number; ideaId: number; actorId: string }
  | { type: "comment.deleted"; commentId: number; ideaId: number; actorId: string }
  | { type: "report.filed"; reportId: number; targetType: "idea" | "comment"; targetId: number; actorId: string }
  | { type: "content.hidden"; targetType: ReportTarget; targetId: number; ideaId: number; authorId: string; reason: string; kind: HiddenKind; actorId: string | null; caseId: number }
  | { type: "content.restored"; targetType: ReportTarget; targetId: number; ideaId: number; authorId: string; actorId: string; caseId: number }
  | { type: "moderation.decided"; caseId: number; decisionId: number; action: Decision; actorId: string }
  | { type: "budget.cycleChanged"; cycleId: number }
  | { type: "budget.votingOpened"; cycleId: number }
  | { type: "budget.resultsPublished"; cycleId: number; actorId: string }
  | { type: "budget.votingClosing"; cycleId: number }
  | { type: "budget.projectChanged"; cycleId: number; projectId: number }
  | { type: "ballot.submitted"; voterId: string; cycleId: number; envelopeId: number; receiptCode: string; castAt: string; replaced: boolean }
  | { type: "announcement.posted"; announcementId: number; districtId: number | null; actorId: string }
  | { type: "project.updated"; ideaId: number; updateId: number; actorId: string }
  | { type: "user.changed"; userId: string; actorId: string }
  | { type: "user.suspended"; userId: string; actorId: string }
  | { type: "user.deleted"; userId: string }
  | { type: "user.passwordChanged"; userId: string; keepSessionId: string | null };

export type DomainEventType = DomainEvent["type"];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
