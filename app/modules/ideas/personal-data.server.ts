import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { ideaFollows, ideas, ideaVotes } from "#db/schema";

/** A person's ideas, support votes and follows, for their data export. */
export function personalIdeaData(db: Db, userId: string) {
  return {
    ideas: db.select({ id: ideas.id, title: ideas.title, body: ideas.body, status: ideas.status, createdAt: ideas.createdAt, editedAt: ideas.editedAt }).from(ideas).where(eq(ideas.authorId, userId)).all(),
    support: db.select({ ideaId: ideaVotes.ideaId, value: ideaVotes.value, at: ideaVotes.createdAt }).from(ideaVotes).where(eq(ideaVotes.userId, userId)).all(),
    follows: db.select({ ideaId: ideaFollows.ideaId, since: ideaFollows.createdAt }).from(ideaFollows).where(eq(ideaFollows.userId, userId)).all(),
  };
}

/**
 * What goes with a deleted account: the follows (private). Ideas stay under the anonymous name
 * and support votes stay, so counts do not shift.
 */
export function erasePersonalIdeaData(tx: Tx, userId: string) {
  tx.delete(ideaFollows).where(eq(ideaFollows.userId, userId)).run();
}
