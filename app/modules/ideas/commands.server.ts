import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { prepared } from "#db/prepared";
import { ideaFollows, ideaPhotos, ideaVotes, ideas } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { done, invalid, rateLimited, refuse, type CoreOutcome, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { routeFor } from "~/modules/departments/queries.server";
import type { DomainEvent } from "~/modules/events/catalogue";
import { takePostingAllowance } from "~/modules/limits/posting.server";
import { placeErrors } from "~/modules/places/queries.server";
import { checkParticipant, isRefusal } from "~/modules/users/standing.server";
import { ideaExcerpt } from "./excerpt.server";
import { discardPhotos, storeIdeaPhotos, type StoredPhoto } from "./photos.server";
import { canEditIdea, canWithdrawIdea, isIdeaOpen, isListed } from "./policy";
import { hotScore } from "./ranking";
import { changeIdeaStatusCore } from "./status.server";
import { loadIdeaState } from "./state.server";
import type { IdeaFields } from "./validation";

/** The idea's columns as stored, prepared before the transaction (the excerpt renders Markdown). */
type PreparedIdea = ReturnType<typeof prepareIdeaColumns>;

function prepareIdeaColumns(fields: IdeaFields) {
  return {
    title: fields.title,
    body: fields.body,
    excerpt: ideaExcerpt(fields.body),
    categoryId: fields.categoryId ?? null,
    districtId: fields.districtId ?? null,
    latitude: fields.latitude ?? null,
    longitude: fields.longitude ?? null,
    estimatedCost: fields.estimatedCost ?? null,
  };
}

/**
 * Posts an idea. Outside the transaction: the posting allowance (taken before any photo is
 * decoded, so an account over its limit cannot keep the server busy re-encoding images), the
 * photo work and the excerpt. Photos are stored before the write and removed again if it is refused.
 */
export async function createIdea(db: Db, actor: Actor, fields: IdeaFields, uploads: Buffer[] = []): Promise<Outcome<{ id: number }>> {
  const early = checkParticipant(db, actor.id);
  if (isRefusal(early)) return early;
  const wait = await takePostingAllowance("idea", actor.id);
  if (wait) return rateLimited(wait);
  const stored = await storeIdeaPhotos(uploads);
  if (!stored.ok) return invalid({ photos: [stored.error] });
  const columns = prepareIdeaColumns(fields);
  const outcome = runCommand(db, (tx) => createIdeaCore(tx, actor, columns, stored.photos));
  if (!outcome.ok) await discardPhotos(stored.photos);
  return outcome;
}

export function createIdeaCore(tx: Tx, actor: Actor, columns: PreparedIdea, photos: StoredPhoto[] = []): CoreOutcome<{ id: number }> {
  const standing = checkParticipant(tx, actor.id);
  if (isRefusal(standing)) return standing;
  const fieldErrors = placeErrors(tx, columns);
  if (fieldErrors) return invalid(fieldErrors);
  const createdAt = new Date();
  // Routed when posted: the department of the most specific rule for its category and district.
  const departmentId = routeFor(tx, columns.categoryId, columns.districtId);
  const { id } = tx
    .insert(ideas)
    .values({ ...columns, authorId: actor.id, createdAt, hotScore: hotScore(0, 0, createdAt), departmentId })
    .returning({ id: ideas.id })
    .get();
  photos.slice(0, 4).forEach((p, position) => tx.insert(ideaPhotos).values({ ideaId: id, position, ...p }).run());
  // Authors follow their own ideas, so the city's answer reaches them.
  tx.insert(ideaFollows).values({ ideaId: id, userId: actor.id, createdAt }).run();
  const events: DomainEvent[] = [{ type: "idea.created", ideaId: id, actorId: actor.id }];
  if (departmentId !== null) events.push({ type: "idea.routed", ideaId: id, departmentId });
  return done({ id }, events);
}

export function updateIdea(db: Db, actor: Actor, ideaId: number, fields: IdeaFields): Outcome<{ id: number }> {
  const columns = prepareIdeaColumns(fields);
  return runCommand(db, (tx) => {
    const idea = loadIdeaState(tx, ideaId);
    if (!idea) return refuse("notFound");
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (!canEditIdea(actor, idea)) return refuse("forbidden");
    const fieldErrors = placeErrors(tx, columns);
    if (fieldErrors) return invalid(fieldErrors);
    // A new category or district routes the idea again, unless staff chose its department by hand.
    const rerouted = idea.departmentAssignedBy === null && (idea.categoryId !== columns.categoryId || idea.districtId !== columns.districtId) ? routeFor(tx, columns.categoryId, columns.districtId) : idea.departmentId;
    tx.update(ideas).set({ ...columns, departmentId: rerouted, editedAt: new Date() }).where(eq(ideas.id, ideaId)).run();
    const events: DomainEvent[] = [{ type: "idea.edited", ideaId, actorId: actor.id }];
    if (rerouted !== null && rerouted !== idea.departmentId) events.push({ type: "idea.routed", ideaId, departmentId: rerouted });
    return done({ id: ideaId }, events);
  });
}

export function withdrawIdea(db: Db, actor: Actor, ideaId: number): Outcome<{ id: number }> {
  return runCommand(db, (tx) => {
    const idea = loadIdeaState(tx, ideaId);
    if (!idea) return refuse("notFound");
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (!canWithdrawIdea(actor, idea)) return refuse("forbidden");
    const changed = changeIdeaStatusCore(tx, actor, idea, { to: "withdrawn", via: "author", response: null });
    return changed.ok ? done({ id: ideaId }, changed.events) : changed;
  });
}

export type SupportValue = "up" | "down" | "none";

const myVoteStatement = (db: Db) =>
  prepared(db, "ideas:my-vote", () =>
    db
      .select({ value: ideaVotes.value })
      .from(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, sql.placeholder("ideaId")), eq(ideaVotes.userId, sql.placeholder("userId"))))
      .prepare(),
  );

/**
 * One vote per resident per idea (the table's primary key), changeable and withdrawable.
 * The counts and the trending score move in the same transaction as the vote.
 */
export function castSupport(db: Db, actor: Actor, ideaId: number, value: SupportValue): Outcome<{ upCount: number; downCount: number; myVote: SupportValue }> {
  return runCommand(db, (tx) => {
    const idea = loadIdeaState(tx, ideaId);
    if (!idea || !isListed(idea)) return refuse("notFound");
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (!isIdeaOpen(idea)) return refuse("closed");
    const previous = myVoteStatement(tx).get({ ideaId, userId: actor.id })?.value ?? 0;
    const next = value === "up" ? 1 : value === "down" ? -1 : 0;
    if (next === previous) return done({ upCount: idea.upCount, downCount: idea.downCount, myVote: value });
    if (next === 0) {
      tx.delete(ideaVotes).where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, actor.id))).run();
    } else {
      tx.insert(ideaVotes)
        .values({ ideaId, userId: actor.id, value: next, createdAt: new Date() })
        .onConflictDoUpdate({ target: [ideaVotes.ideaId, ideaVotes.userId], set: { value: next } })
        .run();
    }
    const upCount = idea.upCount + (next === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
    const downCount = idea.downCount + (next === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
    tx.update(ideas).set({ upCount, downCount, hotScore: hotScore(upCount, downCount, idea.createdAt) }).where(eq(ideas.id, ideaId)).run();
    return done({ upCount, downCount, myVote: value }, [{ type: "idea.supportChanged", ideaId, actorId: actor.id }]);
  });
}

export function setFollowing(db: Db, actor: Actor, ideaId: number, following: boolean): Outcome<{ following: boolean }> {
  return runCommand(db, (tx) => {
    const idea = loadIdeaState(tx, ideaId);
    if (!idea || !isListed(idea)) return refuse("notFound");
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (following) {
      tx.insert(ideaFollows).values({ ideaId, userId: actor.id, createdAt: new Date() }).onConflictDoNothing().run();
    } else {
      tx.delete(ideaFollows).where(and(eq(ideaFollows.ideaId, ideaId), eq(ideaFollows.userId, actor.id))).run();
    }
    return done({ following });
  });
}
