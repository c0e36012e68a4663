import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { prepared } from "#db/prepared";
import { ballotChoices, ballotDrafts, ballots, ballotVoters, budgetCycles, budgetEnvelopes, budgetProjects } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, invalid, refuse, type CoreOutcome, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { loadIdeaState } from "~/modules/ideas/state.server";
import { changeIdeaStatusCore } from "~/modules/ideas/status.server";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { districtExists } from "~/modules/places/queries.server";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { checkParticipant, isRefusal } from "~/modules/users/standing.server";
import { fromZonedInput } from "~/utils/zoned-time";
import { checkSubmittable, checkWhileChoosing, problemMessage, type BallotRules, type Choices } from "./ballot-rules";
import { checkDateOrder, phaseAt } from "./phases";
import { receiptCode } from "./receipts.server";
import { canManageBudgets, canReviewProjects } from "./policy";
import { ballotRulesOf, hasBallots, loadCycle, loadEnvelope, voterRefusal, type CycleRow } from "./queries.server";
import type { CycleForm, ProjectReview } from "./validation";

const LOCKED_FIELDS = ["method", "winnerRule", "tokens", "maxTokensPerProject", "minApprovals", "maxApprovals", "minAccountAgeDays", "secondAdminPublishes", "residencyCutoffAt", "votingAt"] as const;

type PreparedCycle = Omit<typeof budgetCycles.$inferInsert, "id" | "createdAt" | "updatedAt"> & { envelopes: Map<number | null, number> };

/** The form's wall-clock times in the city's zone, as instants; field errors for what does not parse or keep order. */
function prepareCycle(db: Db, form: CycleForm): PreparedCycle | { fieldErrors: Record<string, string[]> } {
  const { timeZone } = getSiteSettings(db);
  const fieldErrors: Record<string, string[]> = {};
  const at = (field: keyof CycleForm, value: string | undefined) => {
    if (value === undefined) return null;
    const date = fromZonedInput(value, timeZone);
    if (!date) fieldErrors[field] = ["errors.budget.dateInvalid"];
    return date;
  };
  const dates = {
    residencyCutoffAt: at("residencyCutoffAt", form.residencyCutoffAt),
    collectingAt: at("collectingAt", form.collectingAt),
    reviewingAt: at("reviewingAt", form.reviewingAt),
    votingAt: at("votingAt", form.votingAt),
    votingEndsAt: at("votingEndsAt", form.votingEndsAt),
    implementingAt: at("implementingAt", form.implementingAt),
    closedAt: at("closedAt", form.closedAt),
  };
  if (Object.keys(fieldErrors).length) return { fieldErrors };
  const order = checkDateOrder({
    collectingAt: dates.collectingAt!,
    reviewingAt: dates.reviewingAt!,
    votingAt: dates.votingAt!,
    votingEndsAt: dates.votingEndsAt!,
    implementingAt: dates.implementingAt,
    closedAt: dates.closedAt,
    votingClosedEarlyAt: null,
  });
  if (order) return { fieldErrors: { [order.field]: [order.message] } };
  const envelopes = new Map<number | null, number>();
  for (const [key, amount] of Object.entries(form.envelopes ?? {})) {
    if (amount === undefined) continue;
    const districtId = key === "city" ? null : Number(key.slice(1));
    if (districtId !== null && !districtExists(db, districtId)) return { fieldErrors: { [`envelopes.${key}`]: ["errors.districtInvalid"] } };
    envelopes.set(districtId, amount);
  }
  return {
    name: form.name,
    slug: form.slug,
    currency: form.currency,
    method: form.method,
    winnerRule: form.winnerRule,
    tokens: form.tokens ?? 10,
    maxTokensPerProject: form.method === "tokens" ? (form.maxTokensPerProject ?? null) : null,
    minApprovals: form.minApprovals ?? 1,
    maxApprovals: form.maxApprovals ?? Math.max(form.minApprovals ?? 1, 5),
    minAccountAgeDays: form.minAccountAgeDays ?? 0,
    secondAdminPublishes: form.secondAdminPublishes === "yes",
    residencyCutoffAt: dates.residencyCutoffAt!,
    collectingAt: dates.collectingAt!,
    reviewingAt: dates.reviewingAt!,
    votingAt: dates.votingAt!,
    votingEndsAt: dates.votingEndsAt!,
    implementingAt: dates.implementingAt,
    closedAt: dates.closedAt,
    envelopes,
  };
}

function slugTaken(tx: Tx, slug: string, exceptId: number | null) {
  const row = tx.select({ id: budgetCycles.id }).from(budgetCycles).where(eq(budgetCycles.slug, slug)).get();
  return !!row && row.id !== exceptId;
}

function writeEnvelopes(tx: Tx, cycleId: number, wanted: Map<number | null, number>) {
  const existing = tx.select().from(budgetEnvelopes).where(eq(budgetEnvelopes.cycleId, cycleId)).all();
  for (const envelope of existing) {
    const amount = wanted.get(envelope.districtId);
    if (amount === undefined) {
      // An envelope with submitted ideas stays (its ideas would be orphaned); blanking it is refused.
      const used = tx.select({ id: budgetProjects.id }).from(budgetProjects).where(eq(budgetProjects.envelopeId, envelope.id)).limit(1).get();
      if (used) return envelope.districtId === null ? "city" : `d${envelope.districtId}`;
      tx.delete(budgetEnvelopes).where(eq(budgetEnvelopes.id, envelope.id)).run();
    } else if (amount !== envelope.amount) {
      tx.update(budgetEnvelopes).set({ amount }).where(eq(budgetEnvelopes.id, envelope.id)).run();
    }
  }
  for (const [districtId, amount] of wanted) {
    if (!existing.some((e) => e.districtId === districtId)) tx.insert(budgetEnvelopes).values({ cycleId, districtId, amount }).run();
  }
  return null;
}

/** An admin creates a cycle with its rules, dates and envelopes. */
export function createCycle(db: Db, actor: Actor, form: CycleForm, now = new Date()): Outcome<{ id: number; slug: string }> {
  if (!canManageBudgets(actor)) return refuse("forbidden");
  const prepared = prepareCycle(db, form);
  if ("fieldErrors" in prepared) return invalid(prepared.fieldErrors);
  return runCommand(db, (tx) => {
    if (slugTaken(tx, prepared.slug, null)) return invalid({ slug: ["errors.budget.slugTaken"] });
    const { envelopes, ...columns } = prepared;
    const { id } = tx
      .insert(budgetCycles)
      .values({ ...columns, createdAt: now, updatedAt: now })
      .returning({ id: budgetCycles.id })
      .get();
    writeEnvelopes(tx, id, envelopes);
    recordAudit(tx, { actorId: actor.id, action: "budget.cycleCreated", targetType: "budget_cycle", targetId: String(id), details: { name: columns.name, method: columns.method, winnerRule: columns.winnerRule } });
    return done({ id, slug: columns.slug }, [{ type: "budget.cycleChanged", cycleId: id }]);
  });
}

/**
 * An admin changes a cycle. Once any ballot exists the rules (method, winner rule, limits,
 * eligibility, the opening of voting, envelopes and amounts) are locked: a change to them is
 * refused with the fields named, and the database refuses it too (migration 0010's triggers).
 */
export function updateCycle(db: Db, actor: Actor, cycleId: number, form: CycleForm, now = new Date()): Outcome<{ id: number; slug: string }> {
  if (!canManageBudgets(actor)) return refuse("forbidden");
  const prepared = prepareCycle(db, form);
  if ("fieldErrors" in prepared) return invalid(prepared.fieldErrors);
  return runCommand(db, (tx) => {
    const cycle = loadCycle(tx, cycleId);
    if (!cycle) return refuse("notFound");
    if (slugTaken(tx, prepared.slug, cycleId)) return invalid({ slug: ["errors.budget.slugTaken"] });
    const { envelopes, ...columns } = prepared;
    if (hasBallots(tx, cycleId)) {
      const changed = LOCKED_FIELDS.filter((f) => String(columns[f] instanceof Date ? (columns[f] as Date).getTime() : columns[f]) !== String(cycle[f] instanceof Date ? (cycle[f] as Date).getTime() : cycle[f]));
      const current = new Map(cycle.envelopes.map((e) => [e.districtId, e.amount]));
      const envelopesChanged = current.size !== envelopes.size || [...envelopes].some(([d, a]) => current.get(d) !== a);
      if (changed.length || envelopesChanged) {
        const fieldErrors: Record<string, string[]> = Object.fromEntries(changed.map((f) => [f, ["errors.budget.locked"]]));
        if (envelopesChanged) fieldErrors["envelopes.city"] = ["errors.budget.locked"];
        return invalid(fieldErrors);
      }
    }
    tx.update(budgetCycles)
      .set({ ...columns, updatedAt: now })
      .where(eq(budgetCycles.id, cycleId))
      .run();
    const stuck = writeEnvelopes(tx, cycleId, envelopes);
    if (stuck) return invalid({ [`envelopes.${stuck}`]: ["errors.budget.envelopeInUse"] });
    recordAudit(tx, { actorId: actor.id, action: "budget.cycleUpdated", targetType: "budget_cycle", targetId: String(cycleId), details: { name: columns.name } });
    return done({ id: cycleId, slug: columns.slug }, [{ type: "budget.cycleChanged", cycleId }]);
  });
}

/** An admin closes voting before its date; the audit log keeps who and when. */
export function closeVotingEarly(db: Db, actor: Actor, cycleId: number, now = new Date()): Outcome<null> {
  if (!canManageBudgets(actor)) return refuse("forbidden");
  return runCommand(db, (tx) => {
    const cycle = loadCycle(tx, cycleId);
    if (!cycle) return refuse("notFound");
    if (phaseAt(cycle, now) !== "voting") return refuse("closed", { message: "errors.budget.notVoting" });
    tx.update(budgetCycles).set({ votingClosedEarlyAt: now, updatedAt: now }).where(eq(budgetCycles.id, cycleId)).run();
    recordAudit(tx, { actorId: actor.id, action: "budget.votingClosedEarly", targetType: "budget_cycle", targetId: String(cycleId), details: { at: now.toISOString(), plannedEnd: cycle.votingEndsAt.toISOString() } });
    return done(null, [{ type: "budget.cycleChanged", cycleId }]);
  });
}

/**
 * A resident puts one of their ideas into a collecting cycle, in an envelope: the city-wide one or
 * the idea's own district's.
 */
export function submitIdeaToCycle(db: Db, actor: Actor, input: { cycleId: number; ideaId: number; envelopeId: number }, now = new Date()): Outcome<{ projectId: number }> {
  return runCommand(db, (tx) => {
    const standing = checkParticipant(tx, actor.id, now);
    if (isRefusal(standing)) return standing;
    const cycle = loadCycle(tx, input.cycleId);
    if (!cycle) return refuse("notFound");
    if (phaseAt(cycle, now) !== "collecting") return refuse("closed", { message: "errors.budget.notCollecting" });
    const idea = loadIdeaState(tx, input.ideaId);
    if (!idea || idea.authorId !== actor.id || idea.hiddenAt || !["published", "under_review"].includes(idea.status)) return invalid({ ideaId: ["errors.budget.chooseIdea"] });
    const envelope = cycle.envelopes.find((e) => e.id === input.envelopeId);
    if (!envelope) return invalid({ envelopeId: ["errors.budget.chooseEnvelope"] });
    if (envelope.districtId !== null && envelope.districtId !== idea.districtId) return invalid({ envelopeId: ["errors.budget.envelopeDistrict"] });
    const already = tx.select({ id: budgetProjects.id }).from(budgetProjects).where(and(eq(budgetProjects.cycleId, cycle.id), eq(budgetProjects.ideaId, idea.id))).get();
    if (already) return invalid({ ideaId: ["errors.budget.alreadySubmitted"] });
    const { id } = tx
      .insert(budgetProjects)
      .values({ cycleId: cycle.id, envelopeId: envelope.id, ideaId: idea.id, submittedBy: actor.id, createdAt: now })
      .returning({ id: budgetProjects.id })
      .get();
    return done({ projectId: id }, [{ type: "budget.projectChanged", cycleId: cycle.id, projectId: id }]);
  });
}

/**
 * Council staff review a submitted idea: feasible or not with a public note, its official cost,
 * and the shortlist, which puts it on the ballot and moves the idea to `shortlisted` through the
 * lifecycle (its author, supporters and followers are told). Before voting only; costs lock once
 * a ballot exists.
 */
export function reviewProject(db: Db, actor: Actor, input: ProjectReview, now = new Date()): Outcome<{ shortlisted: boolean }> {
  if (!canReviewProjects(actor)) return refuse("forbidden");
  const noteHtml = input.note ? renderMarkdown(input.note) : null;
  return runCommand(db, (tx) => {
    const project = tx.select().from(budgetProjects).where(eq(budgetProjects.id, input.projectId)).get();
    if (!project) return refuse("notFound");
    const cycle = loadCycle(tx, project.cycleId)!;
    const phase = phaseAt(cycle, now);
    if (phase !== "collecting" && phase !== "reviewing") return refuse("closed", { message: "errors.budget.notReviewing" });
    if (project.shortlistedAt && (input.feasibility !== "feasible" || !input.shortlist)) return invalid({ shortlist: ["errors.budget.alreadyShortlisted"] });
    const shortlistNow = !!input.shortlist && !project.shortlistedAt;
    if (shortlistNow && phase !== "reviewing") return invalid({ shortlist: ["errors.budget.shortlistWhenReviewing"] });
    const events = [];
    if (shortlistNow) {
      const idea = loadIdeaState(tx, project.ideaId);
      if (!idea || idea.hiddenAt) return invalid({ shortlist: ["errors.budget.ideaGone"] });
      const changed = changeIdeaStatusCore(tx, actor, idea, { to: "shortlisted", via: "budget", response: null }, now);
      if (!changed.ok) return invalid({ shortlist: ["errors.budget.ideaGone"] });
      events.push(...changed.events);
    }
    tx.update(budgetProjects)
      .set({ feasibility: input.feasibility, cost: input.cost ?? null, reviewNote: input.note ?? null, reviewNoteHtml: noteHtml, reviewedBy: actor.id, reviewedAt: now, ...(shortlistNow ? { shortlistedAt: now } : {}) })
      .where(eq(budgetProjects.id, project.id))
      .run();
    recordAudit(tx, { actorId: actor.id, action: "budget.projectReviewed", targetType: "budget_project", targetId: String(project.id), details: { feasibility: input.feasibility, cost: input.cost ?? null, shortlisted: shortlistNow } });
    return done({ shortlisted: shortlistNow || !!project.shortlistedAt }, [...events, { type: "budget.projectChanged", cycleId: project.cycleId, projectId: project.id }]);
  });
}

/** Eligibility, read inside the write: the one check the pages explain too (queries' voterRefusal). */
const voteCheck = (tx: Db, actor: Actor, cycle: CycleRow, envelope: { districtId: number | null }, now: Date) => voterRefusal(tx, actor.id, cycle, envelope, now);

function refuseVote(message: string) {
  const code = message === "errors.ballot.votingClosed" || message === "errors.ballot.votingNotOpen" ? "closed" : message === "errors.refused.unverified" ? "unverified" : message === "errors.refused.suspended" ? "suspended" : "forbidden";
  return refuse(code, { message });
}

type BallotContext = { cycle: CycleRow; envelope: NonNullable<ReturnType<typeof loadEnvelope>>; rules: BallotRules; costs: Map<number, number> };

function ballotContext(tx: Db, envelopeId: number): BallotContext | null {
  const envelope = loadEnvelope(tx, envelopeId);
  if (!envelope) return null;
  const cycle = loadCycle(tx, envelope.cycleId)!;
  const { rules, costs } = ballotRulesOf(tx, cycle, envelope);
  return { cycle, envelope, rules, costs };
}

/** A broken limit as a refusal beside its field (the project's, or the ballot's as a whole); amounts carry the cycle's currency. */
function problemRefusal(problem: NonNullable<ReturnType<typeof checkWhileChoosing>>, rules: BallotRules, currency: string) {
  const field = problem.projectId !== undefined ? (rules.method === "tokens" ? `tokens-${problem.projectId}` : "project") : "choices";
  return refuse("invalid", { fieldErrors: { [field]: [problemMessage(problem, currency)] } });
}

const newToken = () => randomBytes(18).toString("base64url");

const p = (name: string) => sql`${sql.placeholder(name)}`;
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const byVoter = and(eq(ballotDrafts.envelopeId, sql.placeholder("envelopeId")), eq(ballotDrafts.voterId, sql.placeholder("voterId")));

/**
 * The ballot path's writes, prepared once per connection (the hot path: hundreds a second while
 * voting is open). Values go in as the driver stores them: seconds, JSON text.
 */
const ballotWrites = (tx: Db) =>
  prepared(tx, "budgets:ballot-writes", () => ({
    draftOf: tx.select().from(ballotDrafts).where(byVoter).prepare(),
    upsertDraft: tx
      .insert(ballotDrafts)
      .values({ envelopeId: p("envelopeId"), voterId: p("voterId"), choices: p("choices"), token: p("token"), updatedAt: p("now") })
      .onConflictDoUpdate({ target: [ballotDrafts.envelopeId, ballotDrafts.voterId], set: { choices: sql`excluded.choices`, token: sql`excluded.token`, updatedAt: sql`excluded.updated_at` } })
      .prepare(),
    deleteDraft: tx.delete(ballotDrafts).where(byVoter).prepare(),
    insertBallot: tx.insert(ballots).values({ envelopeId: p("envelopeId"), receiptCode: p("code"), source: "online", castAt: p("now") }).returning({ id: ballots.id }).prepare(),
    insertChoice: tx.insert(ballotChoices).values({ ballotId: p("ballotId"), projectId: p("projectId"), tokens: p("tokens") }).prepare(),
    supersede: tx.update(ballots).set({ supersededAt: p("now") }).where(and(eq(ballots.id, sql.placeholder("ballotId")), isNull(ballots.supersededAt))).prepare(),
    relink: tx
      .update(ballotVoters)
      .set({ ballotId: p("ballotId"), votedAt: p("now") })
      .where(and(eq(ballotVoters.envelopeId, sql.placeholder("envelopeId")), eq(ballotVoters.voterId, sql.placeholder("voterId"))))
      .prepare(),
    insertLink: tx.insert(ballotVoters).values({ envelopeId: p("envelopeId"), voterId: p("voterId"), ballotId: p("ballotId"), source: "online", votedAt: p("now") }).prepare(),
  }));

/**
 * Keeps what a resident is choosing, without touching their submitted ballot: over a limit is
 * refused with the reason and nothing is kept. Returns the draft's token, which the confirmation
 * must send back.
 */
export function saveBallotDraft(db: Db, actor: Actor, envelopeId: number, choices: Choices, now = new Date()): Outcome<{ token: string }> {
  return runCommand(db, (tx) => {
    const context = ballotContext(tx, envelopeId);
    if (!context) return refuse("notFound");
    const why = voteCheck(tx, actor, context.cycle, context.envelope, now);
    if (why) return refuseVote(why);
    const problem = checkWhileChoosing(context.rules, choices, context.costs);
    if (problem) return problemRefusal(problem, context.rules, context.cycle.currency);
    const token = newToken();
    ballotWrites(tx).upsertDraft.run({ envelopeId, voterId: actor.id, choices: JSON.stringify([...choices]), token, now: seconds(now) });
    return done({ token });
  });
}

/** Drops an unsubmitted draft: the submitted ballot, if any, stays as it was. */
export function discardBallotDraft(db: Db, actor: Actor, envelopeId: number): Outcome<null> {
  return runCommand(db, (tx) => {
    ballotWrites(tx).deleteDraft.run({ envelopeId, voterId: actor.id });
    return done(null);
  });
}

export type RecordedBallot = { receiptCode: string; castAt: Date; replaced: boolean; replay: boolean };

const currentLink = (tx: Db) =>
  prepared(tx, "budgets:current-link", () =>
    tx
      .select({ ballotId: ballotVoters.ballotId, source: ballotVoters.source, receiptCode: ballots.receiptCode, castAt: ballots.castAt })
      .from(ballotVoters)
      .leftJoin(ballots, eq(ballots.id, ballotVoters.ballotId))
      .where(and(eq(ballotVoters.envelopeId, sql.placeholder("envelopeId")), eq(ballotVoters.voterId, sql.placeholder("voterId"))))
      .prepare(),
  );

/**
 * Casts the resident's ballot from their confirmed draft, in one immediate transaction: phase by
 * the server clock, eligibility and every limit re-checked, then the ballot and its choices
 * written, the previous version (if any) superseded, and the one (voter, envelope) link pointed at
 * the new ballot. The answer comes after the commit (synchronous=FULL). Confirming the same draft
 * twice (a double click, a replay) returns the ballot already recorded: one ballot, never two.
 */
export function submitBallotCore(tx: Tx, actor: Actor, envelopeId: number, token: string, now = new Date()): CoreOutcome<RecordedBallot> {
  const context = ballotContext(tx, envelopeId);
  if (!context) return refuse("notFound");
  const why = voteCheck(tx, actor, context.cycle, context.envelope, now);
  if (why) return refuseVote(why);
  const link = currentLink(tx).get({ envelopeId, voterId: actor.id });
  if (link?.source === "paper") return refuse("conflict", { message: "errors.ballot.votedOnPaper" });
  const writes = ballotWrites(tx);
  const voter = { envelopeId, voterId: actor.id };
  const draft = writes.draftOf.get(voter);
  if (!draft || draft.token !== token) {
    if (link?.receiptCode && link.castAt) return done({ receiptCode: link.receiptCode, castAt: link.castAt, replaced: false, replay: true });
    return refuse("conflict", { message: "errors.ballot.noDraft" });
  }
  const choices: Choices = new Map(draft.choices);
  const problem = checkSubmittable(context.rules, choices, context.costs);
  if (problem) return problemRefusal(problem, context.rules, context.cycle.currency);
  const code = receiptCode();
  const at = seconds(now);
  const ballot = writes.insertBallot.get({ envelopeId, code, now: at })!;
  for (const [projectId, tokens] of choices) writes.insertChoice.run({ ballotId: ballot.id, projectId, tokens });
  if (link?.ballotId) {
    writes.supersede.run({ ballotId: link.ballotId, now: at });
    writes.relink.run({ ...voter, ballotId: ballot.id, now: at });
  } else {
    writes.insertLink.run({ ...voter, ballotId: ballot.id, now: at });
  }
  writes.deleteDraft.run(voter);
  return done({ receiptCode: code, castAt: now, replaced: !!link?.ballotId, replay: false }, [
    { type: "ballot.submitted", voterId: actor.id, cycleId: context.cycle.id, envelopeId, receiptCode: code, castAt: now.toISOString(), replaced: !!link?.ballotId },
  ]);
}

export function submitBallot(db: Db, actor: Actor, envelopeId: number, token: string, now = new Date()): Outcome<RecordedBallot> {
  return runCommand(db, (tx) => submitBallotCore(tx, actor, envelopeId, token, now));
}
