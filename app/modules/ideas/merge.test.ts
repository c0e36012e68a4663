import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { ideaFollows, ideaVotes, ideas } from "#db/schema";
import { createCommentRow, createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { castSupport, setFollowing } from "./commands.server";
import { mergeIdea, unmergeIdea } from "./merge.server";
import { getIdea, listIdeas } from "./queries.server";
import { listTimeline } from "./timeline.server";
import { IdeaListQuerySchema } from "./validation";

const db = () => getDb();
const idea = (id: number) => db().select().from(ideas).where(eq(ideas.id, id)).get()!;
const votes = (ideaId: number) =>
  Object.fromEntries(
    db()
      .select({ userId: ideaVotes.userId, value: ideaVotes.value })
      .from(ideaVotes)
      .where(eq(ideaVotes.ideaId, ideaId))
      .all()
      .map((v) => [v.userId, v.value]),
  );
const followers = (ideaId: number) =>
  db()
    .select({ userId: ideaFollows.userId })
    .from(ideaFollows)
    .where(eq(ideaFollows.ideaId, ideaId))
    .all()
    .map((f) => f.userId)
    .sort();

/** An original with supporters, a duplicate with its own, and people who supported both. */
async function duplicatePair() {
  const [author, dupAuthor, a, b, both, bothOpposed, follower] = await Promise.all(Array.from({ length: 7 }, () => createUser(db())));
  const original = createIdeaRow(db(), author.id, { title: "Benches on the square" });
  const duplicate = createIdeaRow(db(), dupAuthor.id, { title: "More benches on the main square" });
  db().insert(ideaFollows).values({ ideaId: original.id, userId: author.id, createdAt: new Date() }).run();
  db().insert(ideaFollows).values({ ideaId: duplicate.id, userId: dupAuthor.id, createdAt: new Date() }).run();
  castSupport(db(), a, original.id, "up");
  castSupport(db(), both, original.id, "up");
  castSupport(db(), bothOpposed, original.id, "down");
  castSupport(db(), b, duplicate.id, "up");
  castSupport(db(), both, duplicate.id, "up");
  castSupport(db(), bothOpposed, duplicate.id, "up");
  setFollowing(db(), follower, duplicate.id, true);
  setFollowing(db(), both, original.id, true);
  setFollowing(db(), both, duplicate.id, true);
  const moderator = await createUser(db(), { role: "moderator" });
  return { author, dupAuthor, a, b, both, bothOpposed, follower, original, duplicate, moderator };
}

describe("merging a duplicate (without losing anyone's support)", () => {
  it("moves supporters and followers without double counting; a person's own vote on the original wins", async () => {
    const p = await duplicatePair();
    const before = { original: votes(p.original.id), duplicate: votes(p.duplicate.id) };
    const merged = mergeIdea(db(), p.moderator, { duplicateId: p.duplicate.id, originalId: p.original.id, note: "Same square, same benches." });
    expect(merged.ok).toBe(true);
    expect(votes(p.original.id)).toEqual({ [p.a.id]: 1, [p.both.id]: 1, [p.bothOpposed.id]: -1, [p.b.id]: 1 });
    expect(votes(p.duplicate.id)).toEqual({});
    expect(idea(p.original.id)).toMatchObject({ upCount: 3, downCount: 1 });
    expect(idea(p.duplicate.id)).toMatchObject({ status: "merged", mergedIntoId: p.original.id, upCount: 0, downCount: 0, listed: false });
    expect(followers(p.original.id)).toEqual([p.author.id, p.dupAuthor.id, p.both.id, p.follower.id].sort());
    expect(followers(p.duplicate.id)).toEqual([]);

    // Undo: exactly what the merge moved moves back, the dropped votes of people who supported both included.
    expect(unmergeIdea(db(), p.moderator, p.duplicate.id).ok).toBe(true);
    expect(votes(p.original.id)).toEqual(before.original);
    expect(votes(p.duplicate.id)).toEqual(before.duplicate);
    expect(followers(p.duplicate.id)).toEqual([p.dupAuthor.id, p.both.id, p.follower.id].sort());
    expect(followers(p.original.id)).toEqual([p.author.id, p.both.id].sort());
    expect(idea(p.duplicate.id)).toMatchObject({ status: "published", mergedIntoId: null, upCount: 3, downCount: 0, listed: true });
    expect(idea(p.original.id)).toMatchObject({ upCount: 2, downCount: 1 });
  });

  it("keeps the discussion at the old address with a link, and the original in lists alone", async () => {
    const p = await duplicatePair();
    createCommentRow(db(), p.duplicate.id, p.b.id, { body: "Yes please" });
    mergeIdea(db(), p.moderator, { duplicateId: p.duplicate.id, originalId: p.original.id, note: "Same." });
    const page = getIdea(db(), p.duplicate.id, null)!;
    expect(page.idea).toMatchObject({ status: "merged", mergedIntoId: p.original.id, mergedIntoTitle: "Benches on the square" });
    expect(page.open).toBe(false);
    const listed = listIdeas(db(), IdeaListQuerySchema.parse({ q: "benches" })).ideas.map((i) => i.id);
    expect(listed).toEqual([p.original.id]);
    // Support on the merged duplicate is closed.
    expect(castSupport(db(), p.a, p.duplicate.id, "up")).toMatchObject({ ok: false });
    expect(listTimeline(db(), p.duplicate.id).map((e) => e.kind)).toContain("merged");
    expect(listTimeline(db(), p.original.id).find((e) => e.kind === "merged_in")).toMatchObject({ otherIdeaId: p.duplicate.id });
  });

  it("leaves support given since the merge where it was given", async () => {
    const p = await duplicatePair();
    mergeIdea(db(), p.moderator, { duplicateId: p.duplicate.id, originalId: p.original.id, note: "Same." });
    const newcomer = await createUser(db());
    castSupport(db(), newcomer, p.original.id, "up");
    castSupport(db(), p.b, p.original.id, "down"); // b changed their moved vote since
    unmergeIdea(db(), p.moderator, p.duplicate.id);
    expect(votes(p.original.id)[newcomer.id]).toBe(1);
    expect(votes(p.original.id)[p.b.id]).toBe(-1);
    expect(votes(p.duplicate.id)[p.b.id]).toBe(1);
  });

  it("refuses chains, self-merges, hidden originals and people without the role", async () => {
    const p = await duplicatePair();
    const third = createIdeaRow(db(), p.author.id, { title: "Benches again" });
    const council = await createUser(db(), { role: "council" });
    expect(mergeIdea(db(), p.a, { duplicateId: p.duplicate.id, originalId: p.original.id, note: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(mergeIdea(db(), council, { duplicateId: p.duplicate.id, originalId: p.duplicate.id, note: "x" })).toMatchObject({ fieldErrors: { originalId: ["errors.merge.sameIdea"] } });
    expect(mergeIdea(db(), council, { duplicateId: p.duplicate.id, originalId: p.original.id, note: "x" }).ok).toBe(true);
    // Into a merged idea: no chains.
    expect(mergeIdea(db(), council, { duplicateId: third.id, originalId: p.duplicate.id, note: "x" })).toMatchObject({ fieldErrors: { originalId: ["errors.merge.originalMerged"] } });
    // The original, which has a merge pointing at it, cannot itself become a duplicate.
    expect(mergeIdea(db(), council, { duplicateId: p.original.id, originalId: third.id, note: "x" })).toMatchObject({ fieldErrors: { originalId: ["errors.merge.duplicateHasMerges"] } });
    const hidden = createIdeaRow(db(), p.author.id, { hiddenAt: new Date() });
    expect(mergeIdea(db(), council, { duplicateId: third.id, originalId: hidden.id, note: "x" })).toMatchObject({ fieldErrors: { originalId: ["errors.merge.originalMissing"] } });
    expect(idea(third.id).status).toBe("published");
    expect(db().select().from(ideaVotes).where(and(eq(ideaVotes.ideaId, third.id))).all()).toHaveLength(0);
  });
});
