import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { comments, ideaVotes, ideas, reports, users } from "#db/schema";
import { createCommentRow, createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { createComment, deleteComment, editComment, rateComment } from "~/modules/comments/commands.server";
import { castSupport, createIdea, setFollowing, updateIdea, withdrawIdea } from "~/modules/ideas/commands.server";
import { reportContent } from "~/modules/reports/commands.server";
import { updateProfile } from "./commands.server";

const db = () => getDb();
const fields = { title: "A bench", body: "By the river." };

describe("an account that has not confirmed its address (issue 7 item 4)", () => {
  it("can read but not post, comment, support, rate, follow or report; nothing is stored", async () => {
    const author = await createUser(db());
    const newcomer = await createUser(db(), { emailVerified: false });
    const { id: ideaId } = createIdeaRow(db(), author.id);
    const comment = createCommentRow(db(), ideaId, author.id);
    const attempts = [
      await createIdea(db(), newcomer, fields),
      await createComment(db(), newcomer, ideaId, { body: "Hi", stance: "for" }),
      castSupport(db(), newcomer, ideaId, "up"),
      rateComment(db(), newcomer, comment.id, true),
      setFollowing(db(), newcomer, ideaId, true),
      await reportContent(db(), newcomer, { targetType: "idea", targetId: ideaId, reason: "spam" }, ideaId),
    ];
    for (const attempt of attempts) expect(attempt).toMatchObject({ ok: false, code: "unverified", message: "errors.refused.unverified" });
    expect(db().select().from(ideas).all()).toHaveLength(1);
    expect(db().select().from(comments).all()).toHaveLength(1);
    expect(db().select().from(ideaVotes).all()).toHaveLength(0);
    expect(db().select().from(reports).all()).toHaveLength(0);
    // Their account is theirs to manage.
    expect(updateProfile(db(), newcomer, { displayName: "New Name" }).ok).toBe(true);
  });
});

describe("a suspended account with a live session (baseline 12, issue 7 item 10)", () => {
  it("cannot post, comment, support, edit, withdraw its idea or delete its comment", async () => {
    const person = await createUser(db());
    const { id: ideaId } = createIdeaRow(db(), person.id);
    const comment = createCommentRow(db(), ideaId, person.id, { body: "My words" });
    db().update(users).set({ suspendedAt: new Date() }).where(eq(users.id, person.id)).run();
    const attempts = [
      await createIdea(db(), person, fields),
      await createComment(db(), person, ideaId, { body: "Hi", stance: "for" }),
      castSupport(db(), person, ideaId, "up"),
      updateIdea(db(), person, ideaId, fields),
      withdrawIdea(db(), person, ideaId),
      editComment(db(), person, comment.id, "Changed"),
      deleteComment(db(), person, comment.id),
      updateProfile(db(), person, { displayName: "Renamed" }),
    ];
    for (const attempt of attempts) expect(attempt).toMatchObject({ ok: false, code: "suspended" });
    expect(db().select().from(ideas).where(eq(ideas.id, ideaId)).get()).toMatchObject({ status: "published", listed: true });
    expect(db().select().from(comments).where(eq(comments.id, comment.id)).get()).toMatchObject({ body: "My words", deletedAt: null });
  });
});
