import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { ideaFollows } from "#db/schema";
import { createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { listFollowedIdeas } from "./queries.server";

describe("the home page's followed ideas", () => {
  it("are the newest public ideas a person follows, not their own and not hidden ones, five at most", async () => {
    const db = getDb();
    const me = await createUser(db);
    const other = await createUser(db);
    const followed = Array.from({ length: 7 }, (_, i) => createIdeaRow(db, other.id, { title: `Followed ${i}` }));
    const hidden = createIdeaRow(db, other.id, { title: "Hidden since", hiddenAt: new Date() });
    const mine = createIdeaRow(db, me.id, { title: "My own" });
    const now = new Date();
    for (const idea of [...followed, hidden, mine]) db.insert(ideaFollows).values({ ideaId: idea.id, userId: me.id, createdAt: now }).run();
    expect(listFollowedIdeas(db, me.id).map((i) => i.title)).toEqual(["Followed 6", "Followed 5", "Followed 4", "Followed 3", "Followed 2"]);
    expect(listFollowedIdeas(db, other.id)).toEqual([]);
  });
});
