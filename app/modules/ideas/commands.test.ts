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
    const result = await createIdea(getDb(), author, { ...fields, categoryId: category.id, latitude: 48.85, longitude: 2.35, estimatedCost: 12000 });
    if (!result.ok) throw new Error(result.code);
    expect(idea(result.value.id)).toMatchObject({ ...fields, authorId: author.id, status: "published", listed: true, categoryId: category.id, latitude: 48.85, estimatedCost: 12000 });
    expect(getDb().select().from(ideaFollows).where(eq(ideaFollows.ideaId, result.value.id)).all()).toHaveLength(1);
  });

  it("refuses an unknown category with an error on that field, storing nothing", async () => {
    const author = await createUser(getDb());
    const result = await createIdea(getDb(), author, { ...fields, categoryId: 999 });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { categoryId: ["errors.choiceInvalid"] } });
    expect(getDb().select().from(ideas).all()).toHaveLength(0);
  });

  it("refuses a suspended resident (baseline 12)", async () => {
    const author = await createUser(getDb(), { suspendedAt: new Date() });
    expect(await createIdea(getDb(), author, fields)).toMatchObject({ ok: false, code: "suspended" });
    expect(getDb().select().from(ideas).all()).toHaveLength(0);
  });

  it("rate-limits posting per account with a wait time", async () => {
    const author = await createUser(getDb());
    for (let i = 0; i < POSTING_LIMITS.idea.points; i++) expect((await createIdea(getDb(), author, fields)).ok).toBe(true);
    const refused = await createIdea(getDb(), author, fields);
    expect(refused).toMatchObject({ ok: false, code: "rateLimited", message: "errors.refused.rateLimitedFor" });
    expect(!refused.ok && Number(refused.params?.seconds)).toBeGreaterThan(0);
    // Another resident is not affected.
    expect((await createIdea(getDb(), await createUser(getDb()), fields)).ok).toBe(true);
  });
});

describe("editing and withdrawing (baseline 8)", () => {
  it("lets the author edit before the first official response, and marks it edited", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    expect(updateIdea(getDb(), author, id, { title: "Better title", body: "Better body" })).toMatchObject({ ok: true });
    expect(idea(id)).toMatchObject({ title: "Better title", body: "Better body" });
    expect(idea(id).editedAt).toBeInstanceOf(Date);
  });

  it("refuses another resident, and changes nothing", async () => {
    const author = await createUser(getDb());
    const other = await createUser(getDb());
    const { id, title } = createIdeaRow(getDb(), author.id);
    expect(updateIdea(getDb(), other, id, { title: "Hijacked", body: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(withdrawIdea(getDb(), other, id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(idea(id)).toMatchObject({ title, status: "published", listed: true });
  });

  it("refuses edits once the city has answered", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id, { firstResponseAt: new Date(), status: "under_review" });
    expect(updateIdea(getDb(), author, id, { title: "Late change", body: "x" })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("withdrawing takes the idea out of public lists", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    expect(withdrawIdea(getDb(), author, id)).toMatchObject({ ok: true });
    expect(idea(id)).toMatchObject({ status: "withdrawn", listed: false });
  });
});

describe("castSupport", () => {
  it("keeps one vote per resident: changeable and withdrawable, counts and trending follow", async () => {
    const author = await createUser(getDb());
    const voter = await createUser(getDb());
    const { id, hotScore } = createIdeaRow(getDb(), author.id);
    expect(castSupport(getDb(), voter, id, "up")).toMatchObject({ ok: true, value: { upCount: 1, downCount: 0 } });
    expect(castSupport(getDb(), voter, id, "up")).toMatchObject({ ok: true, value: { upCount: 1, downCount: 0 } });
    expect(idea(id).hotScore).toBe(hotScore);
    expect(castSupport(getDb(), await createUser(getDb()), id, "up")).toMatchObject({ value: { upCount: 2 } });
    expect(idea(id).hotScore).toBeGreaterThan(hotScore);
    expect(castSupport(getDb(), voter, id, "down")).toMatchObject({ value: { upCount: 1, downCount: 1 } });
    expect(castSupport(getDb(), voter, id, "none")).toMatchObject({ value: { upCount: 1, downCount: 0 } });
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
    expect(castSupport(getDb(), suspended, open.id, "up")).toMatchObject({ ok: false, code: "suspended" });
    expect(castSupport(getDb(), voter, hidden.id, "up")).toMatchObject({ ok: false, code: "notFound" });
    expect(castSupport(getDb(), voter, withdrawn.id, "up")).toMatchObject({ ok: false, code: "notFound" });
    expect(idea(open.id).upCount).toBe(0);
  });
});

describe("following", () => {
  it("follows and unfollows a listed idea, never a hidden one", async () => {
    const author = await createUser(getDb());
    const reader = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    const hidden = createIdeaRow(getDb(), author.id, { hiddenAt: new Date() });
    expect(setFollowing(getDb(), reader, id, true)).toMatchObject({ ok: true });
    expect(setFollowing(getDb(), reader, id, true)).toMatchObject({ ok: true });
    expect(getDb().select().from(ideaFollows).where(eq(ideaFollows.userId, reader.id)).all()).toHaveLength(1);
    expect(setFollowing(getDb(), reader, id, false)).toMatchObject({ ok: true });
    expect(getDb().select().from(ideaFollows).where(eq(ideaFollows.userId, reader.id)).all()).toHaveLength(0);
    expect(setFollowing(getDb(), reader, hidden.id, true)).toMatchObject({ ok: false, code: "notFound" });
  });
});
