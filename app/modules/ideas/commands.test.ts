import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { ideaFollows, ideaVotes, ideas } from "#db/schema";
import { createIdeaRow } from "#tests/factories/ideas";
import { createCategory } from "#tests/factories/places";
import { createUser } from "#tests/factories/users";
import { castSupport, createIdea, setFollowing, updateIdea, withdrawIdea } from "./commands.server";
import { POSTING_LIMITS } from "~/modules/limits/posting.server";

const fields = { title: "More benches on the square", body: "Older people need somewhere to rest." };
const idea = (id: number) => getDb().select().from(ideas).where(eq(ideas.id, id)).get()!;

describe("createIdea", () => {
  it("stores the idea, listed and followed by its author", async () => {
    const author = await createUser(getDb());
    const category = createCategory(getDb(), { slug: "c", nameEn: "C", nameFr: "C" });
    const result = await createIdea(author, { ...fields, categoryId: category.id, latitude: 48.85, longitude: 2.35, estimatedCost: 12000 });
    if (!result.ok) throw new Error(result.error);
    expect(idea(result.id)).toMatchObject({ ...fields, authorId: author.id, status: "published", listed: true, categoryId: category.id, latitude: 48.85, estimatedCost: 12000 });
    expect(getDb().select().from(ideaFollows).where(eq(ideaFollows.ideaId, result.id)).all()).toHaveLength(1);
  });

  it("refuses an unknown category with an error on that field, storing nothing", async () => {
    const author = await createUser(getDb());
    const result = await createIdea(author, { ...fields, categoryId: 999 });
    expect(result).toMatchObject({ ok: false, error: "invalid", fieldErrors: { categoryId: ["errors.choiceInvalid"] } });
    expect(getDb().select().from(ideas).all()).toHaveLength(0);
  });

  it("refuses a suspended resident (baseline 12)", async () => {
    const author = await createUser(getDb(), { suspendedAt: new Date() });
    expect(await createIdea(author, fields)).toMatchObject({ ok: false, error: "suspended" });
    expect(getDb().select().from(ideas).all()).toHaveLength(0);
  });

  it("rate-limits posting per account with a wait time", async () => {
    const author = await createUser(getDb());
    for (let i = 0; i < POSTING_LIMITS.idea.points; i++) expect((await createIdea(author, fields)).ok).toBe(true);
    const refused = await createIdea(author, fields);
    expect(refused).toMatchObject({ ok: false, error: "rateLimited" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // Another resident is not affected.
    expect((await createIdea(await createUser(getDb()), fields)).ok).toBe(true);
  });
});

describe("editing and withdrawing (baseline 8)", () => {
  it("lets the author edit before the first official response, and marks it edited", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    expect(updateIdea(author, id, { title: "Better title", body: "Better body" })).toEqual({ ok: true });
    expect(idea(id)).toMatchObject({ title: "Better title", body: "Better body" });
    expect(idea(id).editedAt).toBeInstanceOf(Date);
  });

  it("refuses another resident, and changes nothing", async () => {
    const author = await createUser(getDb());
    const other = await createUser(getDb());
    const { id, title } = createIdeaRow(getDb(), author.id);
    expect(updateIdea(other, id, { title: "Hijacked", body: "x" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(withdrawIdea(other, id)).toMatchObject({ ok: false, error: "forbidden" });
    expect(idea(id)).toMatchObject({ title, status: "published", listed: true });
  });

  it("refuses edits once the city has answered", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id, { firstResponseAt: new Date(), status: "under_review" });
    expect(updateIdea(author, id, { title: "Late change", body: "x" })).toMatchObject({ ok: false, error: "forbidden" });
  });

  it("withdrawing takes the idea out of public lists", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    expect(withdrawIdea(author, id)).toEqual({ ok: true });
    expect(idea(id)).toMatchObject({ status: "withdrawn", listed: false });
  });
});

describe("castSupport", () => {
  it("keeps one vote per resident: changeable and withdrawable, counts and trending follow", async () => {
    const author = await createUser(getDb());
    const voter = await createUser(getDb());
    const { id, hotScore } = createIdeaRow(getDb(), author.id);
    expect(castSupport(voter, id, "up")).toMatchObject({ ok: true, upCount: 1, downCount: 0 });
    expect(castSupport(voter, id, "up")).toMatchObject({ ok: true, upCount: 1, downCount: 0 });
    expect(idea(id).hotScore).toBe(hotScore);
    expect(castSupport(await createUser(getDb()), id, "up")).toMatchObject({ upCount: 2 });
    expect(idea(id).hotScore).toBeGreaterThan(hotScore);
    expect(castSupport(voter, id, "down")).toMatchObject({ upCount: 1, downCount: 1 });
    expect(castSupport(voter, id, "none")).toMatchObject({ upCount: 1, downCount: 0 });
    expect(getDb().select().from(ideaVotes).all()).toHaveLength(1);
  });

  it("the database itself refuses a second vote row for the same person", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    getDb().insert(ideaVotes).values({ ideaId: id, userId: author.id, value: 1, createdAt: new Date() }).run();
    expect(() => getDb().insert(ideaVotes).values({ ideaId: id, userId: author.id, value: 1, createdAt: new Date() }).run()).toThrow(/UNIQUE|PRIMARY/);
    // Only +1 and -1 exist: the CHECK constraint refuses anything else, for a real voter too.
    const voter = await createUser(getDb());
    expect(() => getDb().insert(ideaVotes).values({ ideaId: id, userId: voter.id, value: 5, createdAt: new Date() }).run()).toThrow(/CHECK/);
  });

  it("refuses suspended residents, hidden and withdrawn ideas (baselines 12, 13)", async () => {
    const author = await createUser(getDb());
    const suspended = await createUser(getDb(), { suspendedAt: new Date() });
    const voter = await createUser(getDb());
    const open = createIdeaRow(getDb(), author.id);
    const hidden = createIdeaRow(getDb(), author.id, { hiddenAt: new Date(), hiddenReason: "spam" });
    const withdrawn = createIdeaRow(getDb(), author.id, { status: "withdrawn" });
    expect(castSupport(suspended, open.id, "up")).toMatchObject({ ok: false, error: "suspended" });
    expect(castSupport(voter, hidden.id, "up")).toMatchObject({ ok: false, error: "notFound" });
    expect(castSupport(voter, withdrawn.id, "up")).toMatchObject({ ok: false, error: "notFound" });
    expect(idea(open.id).upCount).toBe(0);
  });
});

describe("following", () => {
  it("follows and unfollows a listed idea, never a hidden one", async () => {
    const author = await createUser(getDb());
    const reader = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    const hidden = createIdeaRow(getDb(), author.id, { hiddenAt: new Date() });
    expect(setFollowing(reader, id, true)).toEqual({ ok: true });
    expect(setFollowing(reader, id, true)).toEqual({ ok: true });
    expect(getDb().select().from(ideaFollows).where(eq(ideaFollows.userId, reader.id)).all()).toHaveLength(1);
    expect(setFollowing(reader, id, false)).toEqual({ ok: true });
    expect(getDb().select().from(ideaFollows).where(eq(ideaFollows.userId, reader.id)).all()).toHaveLength(0);
    expect(setFollowing(reader, hidden.id, true)).toMatchObject({ ok: false, error: "notFound" });
  });
});
