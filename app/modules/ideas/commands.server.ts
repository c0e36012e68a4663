import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "#db/client";
import { categories, districts, ideaFollows, ideaPhotos, ideaVotes, ideas } from "#db/schema";
import { takePostingAllowance } from "~/modules/limits/posting.server";
import { isActiveUser } from "~/modules/users/active.server";
import { canEditIdea, canWithdrawIdea, isIdeaOpen, isListed } from "./policy";
import { ideaExcerpt } from "./excerpt.server";
import { discardPhotos, storeIdeaPhotos } from "./photos.server";
import { hotScore } from "./ranking";
import { invalidateSearchCache } from "./search-cache.server";
import type { IdeaFields } from "./validation";

export type Actor = { id: string; role: "resident" | "moderator" | "council" | "admin" };

type Refusal =
  | { ok: false; error: "suspended" | "notFound" | "forbidden" | "closed" }
  | { ok: false; error: "rateLimited"; retryAfterSeconds: number }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> };

/** Category and district must exist: checked in the transaction that stores them. */
function placeErrors(tx: Pick<Db, "select">, fields: Pick<IdeaFields, "categoryId" | "districtId">) {
  const errors: Record<string, string[]> = {};
  if (fields.categoryId !== undefined && !tx.select({ id: categories.id }).from(categories).where(eq(categories.id, fields.categoryId)).get()) {
    errors.categoryId = ["errors.choiceInvalid"];
  }
  if (fields.districtId !== undefined && !tx.select({ id: districts.id }).from(districts).where(eq(districts.id, fields.districtId)).get()) {
    errors.districtId = ["errors.choiceInvalid"];
  }
  return Object.keys(errors).length ? errors : null;
}

function ideaColumns(fields: IdeaFields) {
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
 * Posts an idea. The posting allowance is taken before any photo is decoded, so an account over
 * its limit cannot keep the server busy re-encoding images; photos are stored before the write and
 * removed again if the write is refused.
 */
export async function createIdea(actor: Actor, fields: IdeaFields, uploads: Buffer[] = []): Promise<{ ok: true; id: number } | Refusal> {
  const retryAfterSeconds = await takePostingAllowance("idea", actor.id);
  if (retryAfterSeconds) return { ok: false, error: "rateLimited", retryAfterSeconds };
  const stored = await storeIdeaPhotos(uploads);
  if (!stored.ok) return { ok: false, error: "invalid", fieldErrors: { photos: [stored.error] } };
  const photos = stored.photos;
  const db = getDb();
  const result = db.transaction(
    (tx): { ok: true; id: number } | Refusal => {
      if (!isActiveUser(tx, actor.id)) return { ok: false, error: "suspended" };
      const fieldErrors = placeErrors(tx, fields);
      if (fieldErrors) return { ok: false, error: "invalid", fieldErrors };
      const createdAt = new Date();
      const { id } = tx
        .insert(ideas)
        .values({ ...ideaColumns(fields), authorId: actor.id, createdAt, hotScore: hotScore(0, 0, createdAt) })
        .returning({ id: ideas.id })
        .get();
      photos.slice(0, 4).forEach((p, position) => tx.insert(ideaPhotos).values({ ideaId: id, position, ...p }).run());
      // Authors follow their own ideas, so the city's answer reaches them.
      tx.insert(ideaFollows).values({ ideaId: id, userId: actor.id, createdAt }).run();
      return { ok: true, id };
    },
    { behavior: "immediate" },
  );
  if (result.ok) invalidateSearchCache();
  else await discardPhotos(photos);
  return result;
}

function loadIdeaState(tx: Pick<Db, "select">, ideaId: number) {
  return tx
    .select({ authorId: ideas.authorId, status: ideas.status, hiddenAt: ideas.hiddenAt, firstResponseAt: ideas.firstResponseAt, upCount: ideas.upCount, downCount: ideas.downCount, createdAt: ideas.createdAt })
    .from(ideas)
    .where(eq(ideas.id, ideaId))
    .get();
}

export function updateIdea(actor: Actor, ideaId: number, fields: IdeaFields): { ok: true } | Refusal {
  const result = getDb().transaction(
    (tx): { ok: true } | Refusal => {
      const idea = loadIdeaState(tx, ideaId);
      if (!idea) return { ok: false, error: "notFound" };
      if (!isActiveUser(tx, actor.id)) return { ok: false, error: "suspended" };
      if (!canEditIdea(actor, idea)) return { ok: false, error: "forbidden" };
      const fieldErrors = placeErrors(tx, fields);
      if (fieldErrors) return { ok: false, error: "invalid", fieldErrors };
      tx.update(ideas).set({ ...ideaColumns(fields), editedAt: new Date() }).where(eq(ideas.id, ideaId)).run();
      return { ok: true };
    },
    { behavior: "immediate" },
  );
  if (result.ok) invalidateSearchCache();
  return result;
}

export function withdrawIdea(actor: Actor, ideaId: number): { ok: true } | Refusal {
  const result = getDb().transaction(
    (tx): { ok: true } | Refusal => {
      const idea = loadIdeaState(tx, ideaId);
      if (!idea) return { ok: false, error: "notFound" };
      if (!canWithdrawIdea(actor, idea)) return { ok: false, error: "forbidden" };
      const next = { status: "withdrawn" as const, hiddenAt: idea.hiddenAt };
      tx.update(ideas).set({ status: next.status, listed: isListed(next) }).where(eq(ideas.id, ideaId)).run();
      return { ok: true };
    },
    { behavior: "immediate" },
  );
  if (result.ok) invalidateSearchCache();
  return result;
}

export type SupportValue = "up" | "down" | "none";

/**
 * One vote per resident per idea (the table's primary key), changeable and withdrawable.
 * The counts and the trending score move in the same transaction as the vote.
 */
export function castSupport(actor: Actor, ideaId: number, value: SupportValue): { ok: true; upCount: number; downCount: number; myVote: SupportValue } | Refusal {
  return getDb().transaction(
    (tx) => {
      const idea = loadIdeaState(tx, ideaId);
      if (!idea || !isListed(idea)) return { ok: false as const, error: "notFound" as const };
      if (!isActiveUser(tx, actor.id)) return { ok: false as const, error: "suspended" as const };
      if (!isIdeaOpen(idea)) return { ok: false as const, error: "closed" as const };
      const previous = tx.select({ value: ideaVotes.value }).from(ideaVotes).where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, actor.id))).get()?.value ?? 0;
      const next = value === "up" ? 1 : value === "down" ? -1 : 0;
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
      return { ok: true as const, upCount, downCount, myVote: value };
    },
    { behavior: "immediate" },
  );
}

export function setFollowing(actor: Actor, ideaId: number, following: boolean): { ok: true } | Refusal {
  return getDb().transaction(
    (tx): { ok: true } | Refusal => {
      const idea = loadIdeaState(tx, ideaId);
      if (!idea || !isListed(idea)) return { ok: false, error: "notFound" };
      if (!isActiveUser(tx, actor.id)) return { ok: false, error: "suspended" };
      if (following) {
        tx.insert(ideaFollows).values({ ideaId, userId: actor.id, createdAt: new Date() }).onConflictDoNothing().run();
      } else {
        tx.delete(ideaFollows).where(and(eq(ideaFollows.ideaId, ideaId), eq(ideaFollows.userId, actor.id))).run();
      }
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** Keeps ideas.comment_count equal to the visible comments; called inside comment writes. */
export function refreshCommentCount(tx: Pick<Db, "run">, ideaId: number) {
  tx.run(sql`update ideas set comment_count = (select count(*) from comments where idea_id = ${ideaId} and deleted_at is null and hidden_at is null) where id = ${ideaId}`);
}
