import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { budgetCounts, budgetCycles, budgetProjects, budgetResults } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import type { DomainEvent } from "~/modules/events/catalogue";
import { loadIdeaState } from "~/modules/ideas/state.server";
import { changeIdeaStatusCore } from "~/modules/ideas/status.server";
import { canManageBudgets } from "./policy";

export type Publication = { published: true; funded: number; notFunded: number } | { published: false; requested: true };

/**
 * What the admin's click means, where the cycle wants a second admin: "request" asks; "confirm"
 * publishes the request the page showed (its time), never a newer one the second admin has not
 * seen. Without a second admin the click publishes.
 */
export type PublishIntent = { step: "publish" } | { step: "request" } | { step: "confirm"; requestedAt: string };

/**
 * An admin publishes a counted cycle, once, all or nothing in one transaction: the results and
 * files become final (the database refuses to change them afterwards), every ballot project's
 * idea becomes `funded` or `not_funded` through the lifecycle (its author, supporters and
 * followers are told), and everyone who voted in an envelope is told the results are out.
 * Where the cycle wants a second admin, one admin's request is recorded (and audited) and another
 * admin's confirmation of that very request publishes; the database refuses a publication that
 * no other admin asked for.
 */
export function publishResults(db: Db, actor: Actor, cycleId: number, intent: PublishIntent = { step: "publish" }, now = new Date()): Outcome<Publication> {
  if (!canManageBudgets(actor)) return refuse("forbidden");
  return runCommand<Publication>(db, (tx) => {
    const count = tx.select().from(budgetCounts).where(eq(budgetCounts.cycleId, cycleId)).get();
    if (!count) return refuse("conflict", { message: "errors.count.notCounted" });
    if (count.publishedAt) return refuse("conflict", { message: "errors.count.published" });
    if (count.status !== "done") return refuse("conflict", { message: count.status === "running" ? "errors.count.running" : "errors.count.notCounted" });
    const cycle = tx.select({ secondAdminPublishes: budgetCycles.secondAdminPublishes }).from(budgetCycles).where(eq(budgetCycles.id, cycleId)).get();
    if (cycle?.secondAdminPublishes) {
      const request = count.publishRequestedBy && count.publishRequestedAt ? { by: count.publishRequestedBy, at: count.publishRequestedAt.toISOString() } : null;
      if (intent.step === "request") {
        // Asking twice, or asking while another admin's request waits, publishes nothing.
        if (request) return refuse("conflict", { message: request.by === actor.id ? "errors.count.secondAdmin" : "errors.count.alreadyAsked" });
        tx.update(budgetCounts).set({ publishRequestedBy: actor.id, publishRequestedAt: now }).where(eq(budgetCounts.cycleId, cycleId)).run();
        recordAudit(tx, { actorId: actor.id, action: "budget.publicationRequested", targetType: "budget_cycle", targetId: String(cycleId) });
        return done<Publication>({ published: false, requested: true });
      }
      if (!request || intent.step !== "confirm" || intent.requestedAt !== request.at) return refuse("conflict", { message: "errors.count.requestChanged" });
      if (request.by === actor.id) return refuse("conflict", { message: "errors.count.secondAdmin" });
    } else if (intent.step !== "publish") {
      return refuse("conflict", { message: "errors.count.requestChanged" });
    }
    const results = tx.select({ envelopeId: budgetResults.envelopeId, result: budgetResults.result }).from(budgetResults).where(eq(budgetResults.cycleId, cycleId)).all();
    const funded = new Set(results.flatMap((r) => r.result.selected.map(Number)));
    const projects = tx
      .select({ id: budgetProjects.id, ideaId: budgetProjects.ideaId })
      .from(budgetProjects)
      .where(and(eq(budgetProjects.cycleId, cycleId), isNotNull(budgetProjects.shortlistedAt)))
      .all();
    const events: DomainEvent[] = [];
    let fundedCount = 0;
    for (const project of projects) {
      const idea = loadIdeaState(tx, project.ideaId);
      // An idea hidden or merged since it was shortlisted keeps its state; its result still shows.
      if (!idea || idea.status !== "shortlisted") continue;
      const to = funded.has(project.id) ? "funded" : "not_funded";
      if (to === "funded") fundedCount++;
      const changed = changeIdeaStatusCore(tx, actor, idea, { to, via: "budget", response: null }, now);
      if (!changed.ok) return changed;
      events.push(...changed.events);
    }
    tx.update(budgetCounts).set({ publishedAt: now, publishedBy: actor.id }).where(eq(budgetCounts.cycleId, cycleId)).run();
    recordAudit(tx, { actorId: actor.id, action: "budget.published", targetType: "budget_cycle", targetId: String(cycleId), details: { funded: fundedCount, envelopes: results.length } });
    events.push({ type: "budget.resultsPublished", cycleId, actorId: actor.id });
    return done<Publication>({ published: true, funded: fundedCount, notFunded: projects.length - fundedCount }, events);
  });
}
