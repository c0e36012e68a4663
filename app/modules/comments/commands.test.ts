import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { comments, ideas } from "#db/schema";
import { createCommentRow, createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { createComment, deleteComment, editComment, rateComment } from "./commands.server";
import { THREADS_PER_PAGE, discussionPageOf, listBestArguments, listDiscussion } from "./queries.server";

const commentCount = (ideaId: number) => getDb().select().from(ideas).where(eq(ideas.id, ideaId)).get()!.commentCount;

describe("comments", () => {
  it("posts arguments with a stance and threads replies at most three levels deep", async () => {
    const author = await createUser(getDb());
    const reader = await createUser(getDb());
    const { id: ideaId } = createIdeaRow(getDb(), author.id);
    const root = await createComment(getDb(), reader, ideaId, { body: "Against: too costly", stance: "against" });
    if (!root.ok) throw new Error(root.code);
    const reply = await createComment(getDb(), author, ideaId, { body: "It pays back", stance: "none", parentId: root.value.id });
    if (!reply.ok) throw new Error(reply.code);
    const deep = await createComment(getDb(), reader, ideaId, { body: "Does it?", stance: "none", parentId: reply.value.id });
    if (!deep.ok) throw new Error(deep.code);
    expect(await createComment(getDb(), author, ideaId, { body: "Too deep", stance: "none", parentId: deep.value.id })).toMatchObject({ ok: false, code: "tooDeep" });
    expect(commentCount(ideaId)).toBe(3);
    const { threads } = listDiscussion(getDb(), ideaId, 1, null, true);
    expect(threads).toHaveLength(1);
    expect(threads[0].replies[0].replies[0].id).toBe(deep.value.id);
  });

  it("refuses a reply whose parent belongs to another idea", async () => {
    const author = await createUser(getDb());
    const a = createIdeaRow(getDb(), author.id);
    const b = createIdeaRow(getDb(), author.id);
    const parent = createCommentRow(getDb(), a.id, author.id);
    expect(await createComment(getDb(), author, b.id, { body: "x", stance: "none", parentId: parent.id })).toMatchObject({ ok: false, code: "notFound" });
  });

  it("only the author edits or deletes; a deleted comment keeps its place without its text (baseline 8)", async () => {
    const author = await createUser(getDb());
    const other = await createUser(getDb());
    const { id: ideaId } = createIdeaRow(getDb(), author.id);
    const comment = createCommentRow(getDb(), ideaId, author.id, { body: "Original text" });
    expect(editComment(getDb(), other, comment.id, "Hijacked")).toMatchObject({ ok: false, code: "forbidden" });
    expect(deleteComment(getDb(), other, comment.id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(getDb().select().from(comments).where(eq(comments.id, comment.id)).get()!.body).toBe("Original text");

    expect(editComment(getDb(), author, comment.id, "Edited text")).toMatchObject({ ok: true });
    expect(deleteComment(getDb(), author, comment.id)).toMatchObject({ ok: true });
    const [thread] = listDiscussion(getDb(), ideaId, 1, other, true).threads;
    expect(thread).toMatchObject({ id: comment.id, state: "deleted", html: null, author: null });
    expect(JSON.stringify(thread)).not.toContain("Edited text");
  });

  it("hidden comments keep their place with the moderator's public reason; the text reaches only their author", async () => {
    const author = await createUser(getDb());
    const other = await createUser(getDb());
    const { id: ideaId } = createIdeaRow(getDb(), author.id);
    createCommentRow(getDb(), ideaId, other.id, { body: "Insulting words", hiddenAt: new Date(), hiddenReason: "offensive" });
    const forReader = JSON.stringify(listDiscussion(getDb(), ideaId, 1, author, true));
    expect(forReader).not.toContain("Insulting words");
    expect(listDiscussion(getDb(), ideaId, 1, author, true).threads[0]).toMatchObject({ state: "hidden", hiddenReason: "offensive", html: null });
    expect(JSON.stringify(listDiscussion(getDb(), ideaId, 1, null, true))).not.toContain("Insulting words");
    const forAuthor = listDiscussion(getDb(), ideaId, 1, other, true).threads[0];
    expect(forAuthor).toMatchObject({ state: "hidden", hiddenReason: "offensive" });
    expect(listBestArguments(getDb(), ideaId, null, true).against).toHaveLength(0);
  });

  it("suspended residents cannot comment or rate (baseline 12)", async () => {
    const author = await createUser(getDb());
    const suspended = await createUser(getDb(), { suspendedAt: new Date() });
    const { id: ideaId } = createIdeaRow(getDb(), author.id);
    const comment = createCommentRow(getDb(), ideaId, author.id);
    expect(await createComment(getDb(), suspended, ideaId, { body: "x", stance: "for" })).toMatchObject({ ok: false, code: "suspended" });
    expect(rateComment(getDb(), suspended, comment.id, true)).toMatchObject({ ok: false, code: "suspended" });
  });

  it("cannot comment on hidden or withdrawn ideas (baseline 13)", async () => {
    const author = await createUser(getDb());
    const hidden = createIdeaRow(getDb(), author.id, { hiddenAt: new Date() });
    const withdrawn = createIdeaRow(getDb(), author.id, { status: "withdrawn" });
    expect(await createComment(getDb(), author, hidden.id, { body: "x", stance: "none" })).toMatchObject({ ok: false, code: "notFound" });
    expect(await createComment(getDb(), author, withdrawn.id, { body: "x", stance: "none" })).toMatchObject({ ok: false, code: "notFound" });
  });
});

describe("helpful ratings rank the best arguments", () => {
  it("counts one rating per resident, never the author's own, and ranks by it", async () => {
    const author = await createUser(getDb());
    const raters = await Promise.all([1, 2, 3].map(() => createUser(getDb())));
    const { id: ideaId } = createIdeaRow(getDb(), author.id);
    const weak = createCommentRow(getDb(), ideaId, raters[0].id, { body: "Weak point", stance: "for" });
    const strong = createCommentRow(getDb(), ideaId, raters[1].id, { body: "Strong point", stance: "for" });
    createCommentRow(getDb(), ideaId, raters[2].id, { body: "Counter point", stance: "against" });
    expect(rateComment(getDb(), raters[1], strong.id, true)).toMatchObject({ ok: false, code: "forbidden" });
    expect(rateComment(getDb(), raters[0], strong.id, true)).toMatchObject({ ok: true, value: { helpfulCount: 1 } });
    expect(rateComment(getDb(), raters[0], strong.id, true)).toMatchObject({ ok: true, value: { helpfulCount: 1 } });
    expect(rateComment(getDb(), raters[2], strong.id, true)).toMatchObject({ ok: true, value: { helpfulCount: 2 } });
    expect(rateComment(getDb(), raters[2], weak.id, true)).toMatchObject({ ok: true, value: { helpfulCount: 1 } });
    expect(rateComment(getDb(), raters[2], weak.id, false)).toMatchObject({ ok: true, value: { helpfulCount: 0 } });
    const best = listBestArguments(getDb(), ideaId, raters[0], true);
    expect(best.for.map((c) => c.id)).toEqual([strong.id, weak.id]);
    expect(best.for[0].ratedHelpful).toBe(true);
    expect(best.against).toHaveLength(1);
  });
});

describe("discussion pages", () => {
  it("know which page shows a comment, replies included, so posting returns to it", async () => {
    const author = await createUser(getDb());
    const { id: ideaId } = createIdeaRow(getDb(), author.id);
    const roots = [];
    for (let i = 0; i < THREADS_PER_PAGE + 3; i++) roots.push(createCommentRow(getDb(), ideaId, author.id, { body: `Root ${i}` }));
    const late = roots[THREADS_PER_PAGE + 1];
    const reply = await createComment(getDb(), author, ideaId, { body: "A reply on page two", stance: "none", parentId: late.id });
    if (!reply.ok) throw new Error(reply.code);
    expect(discussionPageOf(getDb(), roots[0].id)).toBe(1);
    expect(discussionPageOf(getDb(), late.id)).toBe(2);
    expect(discussionPageOf(getDb(), reply.value.id)).toBe(2);
    const page2 = listDiscussion(getDb(), ideaId, 2, author, true);
    expect(page2.threads.find((t) => t.id === late.id)?.replies.map((r) => r.id)).toEqual([reply.value.id]);
  });
});
