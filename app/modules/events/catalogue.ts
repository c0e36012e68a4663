/**
 * Every domain event a command can raise, with the ids it concerns. Commands return them; the
 * runner hands them to subscribers (app/modules/events/subscribers.server.ts). An event says what
 * happened, never what to do about it: the subscribers decide. Client-safe: no database import.
 */
export type DomainEvent =
  | { type: "idea.created"; ideaId: number; actorId: string }
  | { type: "idea.edited"; ideaId: number; actorId: string }
  | { type: "idea.withdrawn"; ideaId: number; actorId: string }
  | { type: "idea.supportChanged"; ideaId: number; actorId: string }
  | { type: "comment.created"; commentId: number; ideaId: number; parentId: number | null; actorId: string }
  | { type: "comment.edited"; commentId: number; ideaId: number; actorId: string }
  | { type: "comment.deleted"; commentId: number; ideaId: number; actorId: string }
  | { type: "report.filed"; reportId: number; targetType: "idea" | "comment"; targetId: number; actorId: string }
  | { type: "user.changed"; userId: string; actorId: string }
  | { type: "user.suspended"; userId: string; actorId: string }
  | { type: "user.passwordChanged"; userId: string; keepSessionId: string | null };

export type DomainEventType = DomainEvent["type"];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
