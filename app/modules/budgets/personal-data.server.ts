import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { ballotChoices, ballotDrafts, ballots, ballotVoters, budgetCycles, budgetEnvelopes } from "#db/schema";

/**
 * A person's own ballots, through their (voter, envelope) link: the cycle, the receipt, the time
 * and the choices as recorded; paper votes as marked. Nobody else's export can reach them.
 */
export function personalBallotData(db: Db, userId: string) {
  const links = db
    .select({ cycle: budgetCycles.slug, envelopeId: ballotVoters.envelopeId, ballotId: ballotVoters.ballotId, source: ballotVoters.source, votedAt: ballotVoters.votedAt, receiptCode: ballots.receiptCode })
    .from(ballotVoters)
    .innerJoin(budgetEnvelopes, eq(budgetEnvelopes.id, ballotVoters.envelopeId))
    .innerJoin(budgetCycles, eq(budgetCycles.id, budgetEnvelopes.cycleId))
    .leftJoin(ballots, eq(ballots.id, ballotVoters.ballotId))
    .where(eq(ballotVoters.voterId, userId))
    .all();
  return links.map((l) => ({
    cycle: l.cycle,
    envelopeId: l.envelopeId,
    source: l.source,
    recordedAt: l.votedAt,
    receiptCode: l.receiptCode,
    choices: l.ballotId ? db.select({ projectId: ballotChoices.projectId, tokens: ballotChoices.tokens }).from(ballotChoices).where(eq(ballotChoices.ballotId, l.ballotId)).all() : [],
  }));
}

/**
 * What goes with a deleted account: the links from the person to their ballots (the ballots stay,
 * counted, separated from anyone) and their unsubmitted drafts.
 */
export function erasePersonalBallotData(tx: Tx, userId: string) {
  tx.delete(ballotVoters).where(and(eq(ballotVoters.voterId, userId))).run();
  tx.delete(ballotDrafts).where(eq(ballotDrafts.voterId, userId)).run();
}
