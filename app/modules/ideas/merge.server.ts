import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { ideaFollows, ideaMergeMoves, ideaMerges, ideaVotes, ideas } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { checkActive, isRefusal } from "~/modules/users/standing.server";
import { canMergeIdeas, isListed } from "./policy";
import { hotScore } from "./ranking";
import { loadIdeaState } from "./state.server";
import { changeIdeaStatusCore, preparePublicText } from "./status.server";

/** Recounts an idea's support from its votes, and its trending score with it. */
function recountSupport(tx: Tx, ideaId: number) {
  const counts = tx
    .select({ up: sql<number>`coalesce(sum(${ideaVotes.value} = 1), 0)`, down: sql<number>`coalesce(sum(${ideaVotes.value} = -1), 0)` })
    .from(ideaVotes)
    .where(eq(ideaVotes.ideaId, ideaId))
    .get()!;
  const idea = tx.select({ createdAt: ideas.createdAt }).from(ideas).where(eq(ideas.id, ideaId)).get()!;
  tx.update(ideas)
    .set({ upCount: counts.up, downCount: counts.down, hotScore: hotScore(counts.up, counts.down, idea.createdAt) })
    .where(eq(ideas.id, ideaId))
    .run();
}

/**
 * Merges a duplicate into the original, with a note (not an official response). The duplicate
 * becomes `merged` and points to the original; its supporters and followers move there without
 * double counting (someone who supported both keeps their own vote on the original), and every
 * move is recorded so that an undo moves back exactly those. Its discussion stays at its address.
 */
export function mergeIdea(db: Db, actor: Actor, input: { duplicateId: number; originalId: number; note: string }): Outcome<{ mergeId: number }> {
  const note = preparePublicText(input.note);
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (!canMergeIdeas(standing)) return refuse("forbidden");
    if (!note) return refuse("invalid", { fieldErrors: { note: ["errors.required"] } });
    if (input.duplicateId === input.originalId) return refuse("invalid", { fieldErrors: { originalId: ["errors.merge.sameIdea"] } });
    const duplicate = loadIdeaState(tx, input.duplicateId);
    const original = loadIdeaState(tx, input.originalId);
    if (!duplicate) return refuse("notFound");
    // No chains: the original must not itself be merged, and nothing may point at the duplicate.
    if (original?.status === "merged") return refuse("invalid", { fieldErrors: { originalId: ["errors.merge.originalMerged"] } });
    if (!original || !isListed(original)) return refuse("invalid", { fieldErrors: { originalId: ["errors.merge.originalMissing"] } });
    const intoDuplicate = tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.mergedIntoId, duplicate.id)).get();
    if (intoDuplicate) return refuse("invalid", { fieldErrors: { originalId: ["errors.merge.duplicateHasMerges"] } });
    const changed = changeIdeaStatusCore(tx, actor, duplicate, { to: "merged", via: "merge", response: null });
    if (!changed.ok) return changed;
    const now = new Date();
    const { id: mergeId } = tx
      .insert(ideaMerges)
      .values({ duplicateId: duplicate.id, originalId: original.id, actorId: actor.id, note: note.body, fromStatus: duplicate.status, createdAt: now })
      .returning({ id: ideaMerges.id })
      .get();
    tx.update(ideas).set({ mergedIntoId: original.id }).where(eq(ideas.id, duplicate.id)).run();

    const onOriginal = new Map(tx.select({ userId: ideaVotes.userId, value: ideaVotes.value }).from(ideaVotes).where(eq(ideaVotes.ideaId, original.id)).all().map((v) => [v.userId, v.value]));
    for (const vote of tx.select({ userId: ideaVotes.userId, value: ideaVotes.value, createdAt: ideaVotes.createdAt }).from(ideaVotes).where(eq(ideaVotes.ideaId, duplicate.id)).all()) {
      const kind = onOriginal.has(vote.userId) ? "vote_dropped" : "vote_moved";
      if (kind === "vote_moved") tx.insert(ideaVotes).values({ ideaId: original.id, userId: vote.userId, value: vote.value, createdAt: vote.createdAt }).run();
      tx.insert(ideaMergeMoves).values({ mergeId, userId: vote.userId, kind, value: vote.value }).run();
    }
    tx.delete(ideaVotes).where(eq(ideaVotes.ideaId, duplicate.id)).run();

    const followingOriginal = new Set(tx.select({ userId: ideaFollows.userId }).from(ideaFollows).where(eq(ideaFollows.ideaId, original.id)).all().map((f) => f.userId));
    for (const follow of tx.select({ userId: ideaFollows.userId }).from(ideaFollows).where(eq(ideaFollows.ideaId, duplicate.id)).all()) {
      const kind = followingOriginal.has(follow.userId) ? "follow_dropped" : "follow_moved";
      if (kind === "follow_moved") tx.insert(ideaFollows).values({ ideaId: original.id, userId: follow.userId, createdAt: now }).run();
      tx.insert(ideaMergeMoves).values({ mergeId, userId: follow.userId, kind }).run();
    }
    tx.delete(ideaFollows).where(eq(ideaFollows.ideaId, duplicate.id)).run();
    recountSupport(tx, original.id);
    recountSupport(tx, duplicate.id);
    return done({ mergeId }, [...changed.events, { type: "idea.merged", mergeId, duplicateId: duplicate.id, originalId: original.id, actorId: actor.id, note }]);
  });
}

/**
 * Undoes a wrong merge: the duplicate gets its status back, and exactly the supporters and
 * followers the merge moved move back, with the votes it dropped for people who supported both.
 * Support given on the original since the merge stays where it was given.
 */
export function unmergeIdea(db: Db, actor: Actor, duplicateId: number): Outcome<null> {
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (!canMergeIdeas(standing)) return refuse("forbidden");
    const duplicate = loadIdeaState(tx, duplicateId);
    if (!duplicate || duplicate.status !== "merged") return refuse("notFound");
    const merge = tx
      .select()
      .from(ideaMerges)
      .where(and(eq(ideaMerges.duplicateId, duplicateId), isNull(ideaMerges.undoneAt)))
      .orderBy(desc(ideaMerges.id))
      .get();
    if (!merge) return refuse("notFound");
    const changed = changeIdeaStatusCore(tx, actor, duplicate, { to: merge.fromStatus, via: "merge", response: null });
    if (!changed.ok) return changed;
    const now = new Date();
    for (const move of tx.select().from(ideaMergeMoves).where(eq(ideaMergeMoves.mergeId, merge.id)).all()) {
      if (move.kind === "vote_moved" || move.kind === "vote_dropped") {
        if (move.kind === "vote_moved") {
          // Moved back only if it is still the vote the merge made (a change since is the person's own act).
          tx.delete(ideaVotes)
            .where(and(eq(ideaVotes.ideaId, merge.originalId), eq(ideaVotes.userId, move.userId), eq(ideaVotes.value, move.value!)))
            .run();
        }
        tx.insert(ideaVotes).values({ ideaId: duplicateId, userId: move.userId, value: move.value!, createdAt: now }).onConflictDoNothing().run();
      } else {
        if (move.kind === "follow_moved") tx.delete(ideaFollows).where(and(eq(ideaFollows.ideaId, merge.originalId), eq(ideaFollows.userId, move.userId))).run();
        tx.insert(ideaFollows).values({ ideaId: duplicateId, userId: move.userId, createdAt: now }).onConflictDoNothing().run();
      }
    }
    tx.update(ideaMerges).set({ undoneAt: now, undoneBy: actor.id }).where(eq(ideaMerges.id, merge.id)).run();
    recountSupport(tx, merge.originalId);
    recountSupport(tx, duplicateId);
    return done(null, [...changed.events, { type: "idea.unmerged", mergeId: merge.id, duplicateId, originalId: merge.originalId, actorId: actor.id }]);
  });
}
