import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { ideas } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type CoreOutcome, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { departmentExists } from "~/modules/departments/queries.server";
import type { PublicText } from "~/modules/events/catalogue";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { checkActive, isRefusal } from "~/modules/users/standing.server";
import { checkTransition, isDecided, type StaffStatus, type TransitionVia } from "./lifecycle";
import { canAnswerIdea, responderDepartment } from "./policy";
import { loadStaffScope } from "./staff-scope.server";
import { loadIdeaState, writeIdeaState, type IdeaState } from "./state.server";
import type { IdeaStatus } from "./statuses";

const DAY = 86_400_000;

/** A public text as stored: the Markdown and its sanitized rendering, made outside the transaction. */
export function preparePublicText(body: string | undefined | null): PublicText | null {
  const text = body?.trim();
  return text ? { body: text, bodyHtml: renderMarkdown(text) } : null;
}

/** When the current stage of the response promise ends, from now. */
function stageDeadline(db: Db, stage: "firstResponse" | "decision", now: Date) {
  const { firstResponseDays, decisionDays } = getSiteSettings(db).responsePromise;
  return new Date(now.getTime() + (stage === "firstResponse" ? firstResponseDays : decisionDays) * DAY);
}

export type StatusChange = { to: IdeaStatus; via: TransitionVia; response: PublicText | null; departmentId?: number | null };

/**
 * The one command that changes an idea's status, for every route into the lifecycle (staff,
 * author, budget, merge): the transition table decides, the caller has checked who the actor may
 * be for its route. Writes the status, the first and last response times, the staff queue's stage,
 * and returns `idea.statusChanged` (the timeline and, later, notifications subscribe to it).
 */
export function changeIdeaStatusCore(tx: Tx, actor: Actor, idea: IdeaState, change: StatusChange, now = new Date()): CoreOutcome<{ from: IdeaStatus; to: IdeaStatus }> {
  const step = checkTransition(idea.status, change.to, change.via);
  if (!step.ok) return refuse("forbidden", { message: step.message, params: step.params });
  if (step.rule.responseRequired && !change.response) return refuse("invalid", { fieldErrors: { body: ["errors.lifecycle.responseRequired"] } });
  const answered = change.response !== null;
  // The queue: a first answer ends the first stage; "under review" starts the decision stage;
  // a decision (or a withdrawal, a merge) ends the wait.
  const queueDueAt = isDecided(change.to) ? null : change.to === "under_review" && idea.queuedAt ? stageDeadline(tx, "decision", now) : answered ? null : idea.queueDueAt;
  writeIdeaState(tx, idea, {
    status: change.to,
    ...(answered ? { lastResponseAt: now, firstResponseAt: idea.firstResponseAt ?? now } : {}),
    queueDueAt,
    ...(change.via === "merge" && change.to !== "merged" ? { mergedIntoId: null } : {}),
  });
  return done({ from: idea.status, to: change.to }, [
    { type: "idea.statusChanged", ideaId: idea.id, actorId: actor.id, from: idea.status, to: change.to, via: change.via, departmentId: change.departmentId ?? null, response: change.response },
  ]);
}

/** An official response without a change of status (an update while the idea is under review). */
function answerIdeaCore(tx: Tx, actor: Actor, idea: IdeaState, response: PublicText, departmentId: number | null, now = new Date()): CoreOutcome<{ from: IdeaStatus; to: IdeaStatus }> {
  writeIdeaState(tx, idea, {
    lastResponseAt: now,
    firstResponseAt: idea.firstResponseAt ?? now,
    // A first answer to a published idea ends its wait; under review, the decision is still owed.
    queueDueAt: idea.status === "published" ? null : idea.queueDueAt,
  });
  return done({ from: idea.status, to: idea.status }, [{ type: "idea.responded", ideaId: idea.id, actorId: actor.id, departmentId, response }]);
}

export type ResponseInput = { ideaId: number; status?: StaffStatus; body?: string };

/**
 * Council staff answer an idea: change its status along the lifecycle with an official response,
 * or post a response alone. Scoped: a council member answers for their departments' ideas.
 */
export function respondToIdea(db: Db, actor: Actor, input: ResponseInput): Outcome<{ from: IdeaStatus; to: IdeaStatus }> {
  const response = preparePublicText(input.body);
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    const idea = loadIdeaState(tx, input.ideaId);
    if (!idea) return refuse("notFound");
    const staff = loadStaffScope(tx, standing);
    if (!canAnswerIdea(staff, idea)) return refuse("forbidden", { message: "errors.responses.notYours" });
    const departmentId = responderDepartment(staff, idea);
    if (input.status && input.status !== idea.status) return changeIdeaStatusCore(tx, actor, idea, { to: input.status, via: "staff", response, departmentId });
    if (!response) return refuse("invalid", { fieldErrors: { body: ["errors.responses.nothingToSay"] } });
    return answerIdeaCore(tx, actor, idea, response, departmentId);
  });
}

/** Staff move an idea to another department, with a note that goes on the timeline. */
export function reassignIdea(db: Db, actor: Actor, input: { ideaId: number; departmentId: number; note: string }): Outcome<null> {
  const note = preparePublicText(input.note);
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    const idea = loadIdeaState(tx, input.ideaId);
    if (!idea) return refuse("notFound");
    if (!canAnswerIdea(loadStaffScope(tx, standing), idea)) return refuse("forbidden", { message: "errors.responses.notYours" });
    if (!departmentExists(tx, input.departmentId)) return refuse("invalid", { fieldErrors: { departmentId: ["errors.choiceInvalid"] } });
    if (!note) return refuse("invalid", { fieldErrors: { note: ["errors.required"] } });
    if (idea.departmentId === input.departmentId) return refuse("invalid", { fieldErrors: { departmentId: ["errors.responses.sameDepartment"] } });
    tx.update(ideas).set({ departmentId: input.departmentId, departmentAssignedBy: actor.id }).where(eq(ideas.id, idea.id)).run();
    return done(null, [{ type: "idea.reassigned", ideaId: idea.id, actorId: actor.id, fromDepartmentId: idea.departmentId, toDepartmentId: input.departmentId, note }]);
  });
}

/**
 * Puts an idea into the staff queue (once): when it passes the support threshold, when it is among
 * its category's top ideas of the month, or when staff take it up by hand. Only public ideas the
 * city has not answered yet, still awaiting a decision.
 */
export function enqueueIdeaCore(tx: Tx, idea: IdeaState, reason: "threshold" | "monthly_top" | "manual", actorId: string | null, now = new Date()): CoreOutcome<{ queued: boolean }> {
  if (idea.queuedAt || idea.firstResponseAt || idea.hiddenAt || idea.status !== "published") return done({ queued: false });
  const due = stageDeadline(tx, "firstResponse", now);
  tx.update(ideas).set({ queuedAt: now, queueReason: reason, responseDueAt: due, queueDueAt: due }).where(eq(ideas.id, idea.id)).run();
  return done({ queued: true }, [{ type: "idea.queued", ideaId: idea.id, reason, actorId }]);
}

/** Council staff take an idea up by hand. */
export function takeUpIdea(db: Db, actor: Actor, ideaId: number): Outcome<{ queued: boolean }> {
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    const idea = loadIdeaState(tx, ideaId);
    if (!idea) return refuse("notFound");
    if (!canAnswerIdea(loadStaffScope(tx, standing), idea)) return refuse("forbidden", { message: "errors.responses.notYours" });
    return enqueueIdeaCore(tx, idea, "manual", actor.id);
  });
}
