import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { ballotChoices, ballots, ballotVoters, paperBallotEntries } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, invalid, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { findAccountByEmail, listDisplayNames } from "~/modules/users/queries.server";
import { districtAsOf } from "~/modules/users/residency.server";
import { checkSubmittable, problemMessage, type Choices } from "./ballot-rules";
import { phaseAt } from "./phases";
import { paperReceiptCode } from "./receipts.server";
import { canReviewProjects } from "./policy";
import { ballotRulesOf, loadCycle, loadEnvelope } from "./queries.server";

export type PaperEntryInput = { envelopeId: number; batch: string; sequence: number; choices: Choices };
export type PaperEntryResult = { state: "waiting" | "counted" | "mismatch"; serial: string };

const sameChoices = (a: [number, number][], b: [number, number][]) => JSON.stringify([...a].sort((x, y) => x[0] - y[0])) === JSON.stringify([...b].sort((x, y) => x[0] - y[0]));

/** While paper ballots may be entered: during voting and after it closes, until the count is published. */
function paperOpen(phase: string) {
  return phase === "voting" || phase === "tallied";
}

/**
 * Council staff type one paper ballot in. It counts when a different staff member has typed the
 * same choices for the same serial: the ballot is then written (source paper, its serial unique
 * per envelope) and both entries point at it. Entries that disagree are flagged for review; a
 * third person's entry that agrees with one of them settles it. A paper carries only its
 * envelope and serial: no voter.
 */
export function enterPaperBallot(db: Db, actor: Actor, input: PaperEntryInput, now = new Date()): Outcome<PaperEntryResult> {
  if (!canReviewProjects(actor)) return refuse("forbidden");
  const serial = `${input.batch}-${input.sequence}`;
  return runCommand(db, (tx) => {
    const envelope = loadEnvelope(tx, input.envelopeId);
    if (!envelope) return refuse("notFound");
    const cycle = loadCycle(tx, envelope.cycleId)!;
    if (!paperOpen(phaseAt(cycle, now))) return refuse("closed", { message: "errors.paper.closed" });
    const { rules, costs } = ballotRulesOf(tx, cycle, envelope);
    const problem = checkSubmittable(rules, input.choices, costs);
    if (problem) return refuse("invalid", { fieldErrors: { choices: [problemMessage(problem, cycle.currency)] } });
    const forSerial = and(eq(paperBallotEntries.envelopeId, envelope.id), eq(paperBallotEntries.batch, input.batch), eq(paperBallotEntries.sequence, input.sequence));
    const earlier = tx.select().from(paperBallotEntries).where(forSerial).orderBy(asc(paperBallotEntries.id)).all();
    if (earlier.some((e) => e.status === "counted")) return invalid({ sequence: ["errors.paper.alreadyCounted"] });
    if (earlier.some((e) => e.enteredBy === actor.id)) return invalid({ sequence: ["errors.paper.alreadyEntered"] });
    const choices = [...input.choices];
    const { id } = tx
      .insert(paperBallotEntries)
      .values({ envelopeId: envelope.id, batch: input.batch, sequence: input.sequence, choices, enteredBy: actor.id, enteredAt: now })
      .returning({ id: paperBallotEntries.id })
      .get();
    let state: PaperEntryResult["state"] = "waiting";
    if (earlier.some((e) => sameChoices(e.choices, choices))) {
      const ballot = tx.insert(ballots).values({ envelopeId: envelope.id, receiptCode: paperReceiptCode(), source: "paper", castAt: now, paperSerial: serial }).returning({ id: ballots.id }).get();
      for (const [projectId, tokens] of choices) tx.insert(ballotChoices).values({ ballotId: ballot.id, projectId, tokens }).run();
      tx.update(paperBallotEntries).set({ status: "counted", ballotId: ballot.id }).where(forSerial).run();
      state = "counted";
    } else if (earlier.length > 0) {
      tx.update(paperBallotEntries).set({ status: "mismatch" }).where(forSerial).run();
      state = "mismatch";
    }
    recordAudit(tx, { actorId: actor.id, action: "budget.paperEntered", targetType: "budget_envelope", targetId: String(envelope.id), details: { serial, entryId: id, state } });
    return done({ state, serial });
  });
}

/**
 * Marks a resident with an account as having voted on paper in an envelope: their online ballot
 * is then refused there. One who already voted online is shown as such and not marked.
 */
export function markPaperVoter(db: Db, actor: Actor, input: { envelopeId: number; email: string }, now = new Date()): Outcome<{ name: string }> {
  if (!canReviewProjects(actor)) return refuse("forbidden");
  return runCommand(db, (tx) => {
    const envelope = loadEnvelope(tx, input.envelopeId);
    if (!envelope) return refuse("notFound");
    const cycle = loadCycle(tx, envelope.cycleId)!;
    if (!paperOpen(phaseAt(cycle, now))) return refuse("closed", { message: "errors.paper.closed" });
    const person = findAccountByEmail(tx, input.email);
    if (!person) return invalid({ email: ["errors.paper.noAccount"] });
    if (envelope.districtId !== null && districtAsOf(tx, person.id, cycle.residencyCutoffAt) !== envelope.districtId) return invalid({ email: ["errors.ballot.notResident"] });
    const link = tx
      .select({ source: ballotVoters.source })
      .from(ballotVoters)
      .where(and(eq(ballotVoters.envelopeId, envelope.id), eq(ballotVoters.voterId, person.id)))
      .get();
    if (link) return invalid({ email: [link.source === "online" ? "errors.paper.votedOnline" : "errors.paper.alreadyMarked"] });
    tx.insert(ballotVoters).values({ envelopeId: envelope.id, voterId: person.id, ballotId: null, source: "paper", votedAt: now, markedBy: actor.id }).run();
    recordAudit(tx, { actorId: actor.id, action: "budget.paperVoterMarked", targetType: "budget_envelope", targetId: String(envelope.id), details: { userId: person.id } });
    return done({ name: person.displayName });
  });
}

/** The paper entries of an envelope for its staff page: counted so far, waiting for a second entry, and disagreements to review. */
export function getPaperSummary(db: Db, envelopeId: number) {
  const byStatus = Object.fromEntries(
    db
      .select({ status: paperBallotEntries.status, n: count() })
      .from(paperBallotEntries)
      .where(eq(paperBallotEntries.envelopeId, envelopeId))
      .groupBy(paperBallotEntries.status)
      .all()
      .map((r) => [r.status, r.n]),
  );
  const counted = db.select({ n: count() }).from(ballots).where(and(eq(ballots.envelopeId, envelopeId), eq(ballots.source, "paper"))).get()!.n;
  const flagged = db
    .select({ batch: paperBallotEntries.batch, sequence: paperBallotEntries.sequence, enteredBy: paperBallotEntries.enteredBy, enteredAt: paperBallotEntries.enteredAt, choices: paperBallotEntries.choices })
    .from(paperBallotEntries)
    .where(and(eq(paperBallotEntries.envelopeId, envelopeId), eq(paperBallotEntries.status, "mismatch")))
    .orderBy(asc(paperBallotEntries.batch), asc(paperBallotEntries.sequence), asc(paperBallotEntries.id))
    .limit(200)
    .all();
  const names = listDisplayNames(db, flagged.map((f) => f.enteredBy));
  const waiting = db
    .select({ batch: paperBallotEntries.batch, sequence: paperBallotEntries.sequence })
    .from(paperBallotEntries)
    .where(and(eq(paperBallotEntries.envelopeId, envelopeId), eq(paperBallotEntries.status, "pending")))
    .orderBy(asc(paperBallotEntries.batch), asc(paperBallotEntries.sequence))
    .limit(200)
    .all();
  return {
    counted,
    waiting: byStatus.pending ?? 0,
    mismatches: byStatus.mismatch ?? 0,
    waitingSerials: waiting.map((w) => `${w.batch}-${w.sequence}`),
    flagged: flagged.map((f) => ({ serial: `${f.batch}-${f.sequence}`, by: names.get(f.enteredBy) ?? "", at: f.enteredAt.toISOString(), choices: f.choices })),
  };
}
