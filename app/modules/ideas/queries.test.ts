import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { eq, sql } from "drizzle-orm";
import { ideaPhotos, ideas } from "#db/schema";
import { castSupport, updateIdea, withdrawIdea } from "./commands.server";
import { invalidateSearchCache } from "./search-cache.server";
import { canSeePhoto, countPublicIdeas, findSimilarIdeas, getIdea, listIdeas, listIdeasByAuthor } from "./queries.server";
import { IdeaListQuerySchema } from "./validation";

const query = (params: Record<string, string | undefined> = {}) => IdeaListQuerySchema.parse(params);
const titles = (params: Record<string, string | undefined> = {}) => listIdeas(getDb(), query(params)).ideas.map((i) => i.title);

describe("hidden and withdrawn ideas are absent for residents and visitors (baseline 13)", () => {
  it("from lists, filters, search, similar-idea suggestions, profiles and the idea page", async () => {
    const author = await createUser(getDb());
    const reader = await createUser(getDb());
    const moderator = await createUser(getDb(), { role: "moderator" });
    createIdeaRow(getDb(), author.id, { title: "Public tramway extension" });
    const hidden = createIdeaRow(getDb(), author.id, { title: "Hidden tramway spam", hiddenAt: new Date(), hiddenReason: "spam" });
    const withdrawn = createIdeaRow(getDb(), author.id, { title: "Withdrawn tramway plan", status: "withdrawn" });

    for (const params of [{}, { sort: "newest" }, { sort: "top" }, { sort: "discussed" }, { q: "tramway" }, { status: "withdrawn" }]) {
      expect(titles(params)).not.toContain("Hidden tramway spam");
      expect(titles(params)).not.toContain("Withdrawn tramway plan");
    }
    expect(titles({ q: "tramway" })).toEqual(["Public tramway extension"]);
    expect(findSimilarIdeas(getDb(), "tramway spam plan").map((i) => i.title)).toEqual(["Public tramway extension"]);
    expect(listIdeasByAuthor(getDb(), author.id).map((i) => i.title)).toEqual(["Public tramway extension"]);

    expect(getIdea(getDb(), hidden.id, null)).toBeNull();
    expect(getIdea(getDb(), hidden.id, reader)).toBeNull();
    expect(getIdea(getDb(), withdrawn.id, reader)).toBeNull();
    // The author sees why; moderators see it to review it.
    expect(getIdea(getDb(), hidden.id, author)?.idea.hiddenReason).toBe("spam");
    expect(getIdea(getDb(), hidden.id, moderator)).not.toBeNull();
  });
});

describe("photos follow their idea's visibility (baseline 13)", () => {
  it("are served to whoever may see the idea, and to nobody else once it is hidden", async () => {
    const author = await createUser(getDb());
    const reader = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    getDb().insert(ideaPhotos).values({ ideaId: id, fileName: "4b1f0c1e-0000-4000-8000-000000000001.webp", width: 10, height: 10, position: 0 }).run();
    expect(canSeePhoto(getDb(), "4b1f0c1e-0000-4000-8000-000000000001.webp", null)).toBe(true);
    getDb().update(ideas).set({ hiddenAt: new Date(), listed: false }).where(eq(ideas.id, id)).run();
    expect(canSeePhoto(getDb(), "4b1f0c1e-0000-4000-8000-000000000001.webp", null)).toBe(false);
    expect(canSeePhoto(getDb(), "4b1f0c1e-0000-4000-8000-000000000001.webp", reader)).toBe(false);
    expect(canSeePhoto(getDb(), "4b1f0c1e-0000-4000-8000-000000000001.webp", author)).toBe(true);
    expect(canSeePhoto(getDb(), "unknown.webp", author)).toBe(false);
  });
});

describe("public record", () => {
  it("counts public ideas and the ones the city has answered", async () => {
    const author = await createUser(getDb());
    createIdeaRow(getDb(), author.id);
    createIdeaRow(getDb(), author.id, { status: "under_review", firstResponseAt: new Date() });
    createIdeaRow(getDb(), author.id, { status: "withdrawn" });
    expect(countPublicIdeas(getDb(), author.id)).toEqual({ posted: 2, answered: 1 });
  });
});

describe("listing", () => {
  it("sorts by newest, most supported and trending, and filters by status", async () => {
    const author = await createUser(getDb());
    const old = createIdeaRow(getDb(), author.id, { title: "Old but loved", createdAt: new Date(Date.now() - 3 * 24 * 3600_000) });
    createIdeaRow(getDb(), author.id, { title: "Brand new", createdAt: new Date() });
    createIdeaRow(getDb(), author.id, { title: "Declined one", status: "declined", createdAt: new Date(Date.now() - 3600_000) });
    for (let i = 0; i < 20; i++) castSupport(getDb(), await createUser(getDb()), old.id, "up");
    expect(titles({ sort: "newest" })).toEqual(["Brand new", "Declined one", "Old but loved"]);
    expect(titles({ sort: "top" })[0]).toBe("Old but loved");
    expect(titles({ status: "declined" })).toEqual(["Declined one"]);
    // Trending: the fresh idea with no support beats the three-day-old one with 20 supporters...
    expect(titles()[0]).toBe("Brand new");
  });

  it("pages without counting: 20 a page and a flag for the next one", async () => {
    const author = await createUser(getDb());
    for (let i = 0; i < 25; i++) createIdeaRow(getDb(), author.id);
    const first = listIdeas(getDb(), query());
    expect(first.ideas).toHaveLength(20);
    expect(first.hasNext).toBe(true);
    const second = listIdeas(getDb(), query({ page: "2" }));
    expect(second.ideas).toHaveLength(5);
    expect(second.hasNext).toBe(false);
  });

  it("falls back to defaults for junk parameters instead of failing (baseline 17)", async () => {
    const author = await createUser(getDb());
    createIdeaRow(getDb(), author.id, { title: "Still listed" });
    for (const params of [{ sort: "title);--" }, { category: "1 OR 1=1" }, { status: "hidden" }, { page: "-3" }, { page: "1e9" }, { district: "'" }]) {
      expect(titles(params)).toEqual(["Still listed"]);
    }
  });

  it("treats search input as words, never as FTS syntax or SQL (baseline 17)", async () => {
    const author = await createUser(getDb());
    createIdeaRow(getDb(), author.id, { title: "Bicycle parking at the station", body: "Secure racks near the école." });
    for (const q of ["' OR 1=1--", '"', "NEAR(a b)", "title:x", "*", "bicycle) OR (1", "-bicycle", "\u0000"]) {
      expect(() => listIdeas(getDb(), query({ q }))).not.toThrow();
    }
    expect(titles({ q: "' OR 1=1--" })).toEqual([]);
    expect(titles({ q: "bicycle) OR (1" })).toEqual([]);
    expect(titles({ q: "bicy" })).toEqual(["Bicycle parking at the station"]);
    // Accents are folded: "ecole" finds "école".
    expect(titles({ q: "ecole" })).toEqual(["Bicycle parking at the station"]);
  });

  it("keeps the search index in step with edits, withdrawals and hiding", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id, { title: "Skate park by the river", body: "Concrete bowls." });
    expect(updateIdea(getDb(), author, id, { title: "Climbing wall by the river", body: "Bouldering blocks." }).ok).toBe(true);
    expect(titles({ q: "skate" })).toEqual([]);
    expect(titles({ q: "climbing" })).toEqual(["Climbing wall by the river"]);
    expect(titles({ q: "bouldering" })).toEqual(["Climbing wall by the river"]);
    expect(withdrawIdea(getDb(), author, id).ok).toBe(true);
    expect(titles({ q: "climbing" })).toEqual([]);

    // Hiding: even before any cache is cleared, a cached search never shows the hidden idea.
    const other = createIdeaRow(getDb(), author.id, { title: "Climbing ropes for the gym" });
    expect(titles({ q: "ropes" })).toEqual(["Climbing ropes for the gym"]);
    getDb().update(ideas).set({ hiddenAt: new Date(), listed: false }).where(eq(ideas.id, other.id)).run();
    expect(titles({ q: "ropes" })).toEqual([]);
    // Restoring (a moderation command clears the cache after its write).
    getDb().update(ideas).set({ hiddenAt: null, listed: true }).where(eq(ideas.id, other.id)).run();
    invalidateSearchCache();
    expect(titles({ q: "ropes" })).toEqual(["Climbing ropes for the gym"]);
    // The index is sound, and holds exactly the listed ideas (one size row per indexed idea).
    expect(() => getDb().run(sql`insert into ideas_fts(ideas_fts) values ('integrity-check')`)).not.toThrow();
    const indexed = getDb().all<{ id: number }>(sql`select id from ideas_fts_docsize order by id`).map((r) => r.id);
    const listed = getDb().all<{ id: number }>(sql`select id from ideas where listed = 1 order by id`).map((r) => r.id);
    expect(indexed).toEqual(listed);
  });

  it("marks search matches for highlighting", async () => {
    const author = await createUser(getDb());
    createIdeaRow(getDb(), author.id, { title: "Library opening hours", body: "Open the library on Sundays." });
    const [row] = listIdeas(getDb(), query({ q: "library" })).ideas;
    expect(row.titleHighlight).toBe("\u0002Library\u0003 opening hours");
    expect(row.excerptHighlight).toContain("\u0002library\u0003");
  });
});
