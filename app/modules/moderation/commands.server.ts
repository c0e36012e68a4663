import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { moderationCases, moderationDecisions } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type CoreOutcome, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import type { DomainEvent } from "~/modules/events/catalogue";
import { resolveCaseReports } from "~/modules/reports/queries.server";
import type { ReportTarget } from "~/modules/reports/reasons";
import { sanctionResidentCore } from "~/modules/users/commands.server";
import { listDisplayNames } from "~/modules/users/queries.server";
import { checkActive, isRefusal } from "~/modules/users/standing.server";
import { openCase, setHidden, targetOf, type CaseRow } from "./cases.server";
import { REVIEWABLE_DECISIONS, type Decision, type LogTarget } from "./kinds";
import { canDecideCase } from "./policy";
import type { CaseDecision, SanctionInput } from "./validation";

function loadCase(tx: Tx, caseId: number) {
  return tx.select().from(moderationCases).where(eq(moderationCases.id, caseId)).get() ?? null;
}

function decisionById(tx: Tx, decisionId: number) {
  return tx.select().from(moderationDecisions).where(eq(moderationDecisions.id, decisionId)).get() ?? null;
}

/** The checks every decision on a case makes, inside its transaction: who decides, and whether someone already did. */
function caseForDecision(tx: Tx, actor: Actor, caseId: number): CaseRow | ReturnType<typeof refuse> {
  const standing = checkActive(tx, actor.id);
  if (isRefusal(standing)) return standing;
  const found = loadCase(tx, caseId);
  if (!found) return refuse("notFound");
  if (found.status !== "open") {
    const who = found.decidedBy ? (listDisplayNames(tx, [found.decidedBy]).get(found.decidedBy) ?? "") : "";
    return refuse("conflict", { message: "errors.moderation.alreadyDecided", params: { name: who } });
  }
  const review = found.reviewOfDecisionId ? decisionById(tx, found.reviewOfDecisionId) : null;
  const verdict = canDecideCase(standing, found, review);
  if (verdict !== "yes") return refuse("forbidden", { message: `errors.moderation.${verdict}` });
  return found;
}

function recordDecision(tx: Tx, actor: Actor, entry: { caseId: number | null; action: Decision; targetType: LogTarget; targetId: string; subjectId: string; publicReason: string | null }, now = new Date()) {
  const { id } = tx
    .insert(moderationDecisions)
    .values({ ...entry, moderatorId: actor.id, createdAt: now })
    .returning({ id: moderationDecisions.id })
    .get();
  recordAudit(tx, { actorId: actor.id, action: `moderation.${entry.action}`, targetType: entry.targetType, targetId: entry.targetId, details: { caseId: entry.caseId, reason: entry.publicReason } });
  return id;
}

/**
 * A moderator decides a case: hide with a public reason, send an idea back for changes, restore,
 * or dismiss the reports (which also ends an automatic hiding). The case closes in the same
 * transaction; a second moderator deciding at the same moment is told who was first, and nothing
 * is applied twice. The reports count in their reporters' track record.
 */
export function decideCase(db: Db, actor: Actor, input: CaseDecision): Outcome<{ decisionId: number }> {
  return runCommand(db, (tx) => decideCaseCore(tx, actor, input));
}

export function decideCaseCore(tx: Tx, actor: Actor, input: CaseDecision, now = new Date()): CoreOutcome<{ decisionId: number }> {
  const found = caseForDecision(tx, actor, input.caseId);
  if ("ok" in found) return found;
  const target = targetOf(tx, found.targetType, found.targetId);
  if (!target) return refuse("notFound");
  if (input.action === "needs_changes" && found.targetType !== "idea") return refuse("invalid", { message: "errors.moderation.needsChangesIdeasOnly" });
  const events: DomainEvent[] = [];
  const base = { targetType: found.targetType, targetId: found.targetId, ideaId: target.ideaId, authorId: target.authorId, actorId: actor.id, caseId: found.id };
  let action: Decision;
  if (input.action === "hide" || input.action === "needs_changes") {
    const kind = input.action === "hide" ? "moderator" : "needs_changes";
    setHidden(tx, found.targetType, found.targetId, { reason: input.reason, kind });
    events.push({ type: "content.hidden", ...base, reason: input.reason, kind });
    resolveCaseReports(tx, found.id, "upheld", now);
    action = input.action === "hide" ? "hidden" : "needs_changes";
  } else {
    if (target.hiddenAt) {
      setHidden(tx, found.targetType, found.targetId, null);
      events.push({ type: "content.restored", ...base });
    }
    resolveCaseReports(tx, found.id, "dismissed", now);
    action = input.action === "restore" ? "restored" : "dismissed";
  }
  const closed = tx
    .update(moderationCases)
    .set({ status: "decided", decidedAt: now, decidedBy: actor.id })
    .where(and(eq(moderationCases.id, found.id), eq(moderationCases.status, "open")))
    .run();
  if (closed.changes !== 1) return refuse("conflict", { message: "errors.moderation.alreadyDecided", params: { name: "" } });
  const publicReason = input.action === "hide" || input.action === "needs_changes" ? input.reason : (input.reason ?? null);
  const decisionId = recordDecision(tx, actor, { caseId: found.id, action, targetType: found.targetType, targetId: String(found.targetId), subjectId: target.authorId, publicReason }, now);
  events.push({ type: "moderation.decided", caseId: found.id, decisionId, action, actorId: actor.id });
  return done({ decisionId }, events);
}

/**
 * Silences (read-only for some days) or suspends the author of a case's content. The case stays
 * open: the content still needs its own decision.
 */
export function sanctionAuthor(db: Db, actor: Actor, input: SanctionInput, now = new Date()): Outcome<{ decisionId: number }> {
  return runCommand(db, (tx) => {
    const found = caseForDecision(tx, actor, input.caseId);
    if ("ok" in found) return found;
    const until = input.sanction === "silence" ? new Date(now.getTime() + input.days * 86_400_000) : null;
    const applied = sanctionResidentCore(tx, actor, found.authorId, input.sanction === "silence" ? { silenceUntil: until } : { suspend: input.reason });
    if (!applied.ok) return applied;
    const decisionId = recordDecision(tx, actor, { caseId: found.id, action: "silenced", targetType: "account", targetId: found.authorId, subjectId: found.authorId, publicReason: input.reason }, now);
    return done({ decisionId }, [...applied.events, { type: "moderation.decided", caseId: found.id, decisionId, action: "silenced", actorId: actor.id }]);
  });
}

/**
 * The author of hidden content asks, once per decision, for another look: a review case opens,
 * which a moderator other than the one who decided must decide.
 */
export function requestReview(db: Db, actor: Actor, decisionId: number, now = new Date()): Outcome<{ caseId: number }> {
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    const decision = decisionById(tx, decisionId);
    if (!decision || decision.subjectId !== actor.id || !REVIEWABLE_DECISIONS.includes(decision.action) || decision.targetType === "account") return refuse("notFound");
    const targetType = decision.targetType as ReportTarget;
    const target = targetOf(tx, targetType, Number(decision.targetId));
    if (!target?.hiddenAt) return refuse("invalid", { message: "errors.moderation.notHiddenAnyMore" });
    const marked = tx
      .update(moderationDecisions)
      .set({ reviewRequestedAt: now })
      .where(and(eq(moderationDecisions.id, decisionId), isNull(moderationDecisions.reviewRequestedAt)))
      .run();
    if (marked.changes !== 1) return refuse("conflict", { message: "errors.moderation.reviewAlreadyAsked" });
    const opened = openCase(tx, { targetType, targetId: Number(decision.targetId), ideaId: target.ideaId, authorId: target.authorId }, "review", { reviewOfDecisionId: decisionId }, now);
    recordAudit(tx, { actorId: actor.id, action: "moderation.review_requested", targetType, targetId: decision.targetId, details: { decisionId, caseId: opened.id } });
    return done({ caseId: opened.id });
  });
}

/** A merge from a case (or anywhere) closes the duplicate's open case as merged. */
export function closeCaseAsMerged(tx: Tx, duplicateId: number, actorId: string, now = new Date()) {
  const found = tx
    .select()
    .from(moderationCases)
    .where(and(eq(moderationCases.targetType, "idea"), eq(moderationCases.targetId, duplicateId), eq(moderationCases.status, "open")))
    .get();
  if (!found) return;
  tx.update(moderationCases).set({ status: "decided", decidedAt: now, decidedBy: actorId }).where(eq(moderationCases.id, found.id)).run();
  resolveCaseReports(tx, found.id, "upheld", now);
  tx.insert(moderationDecisions)
    .values({ caseId: found.id, action: "merged", targetType: "idea", targetId: String(duplicateId), subjectId: found.authorId, publicReason: null, moderatorId: actorId, createdAt: now })
    .run();
}
