import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { reports } from "#db/schema";
import { createCommentRow, createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { reportContent } from "./commands.server";

describe("reports", () => {
  it("takes one report per person per item, with reason and note", async () => {
    const author = await createUser(getDb());
    const reporter = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    const comment = createCommentRow(getDb(), id, author.id);
    expect(await reportContent(getDb(), reporter, { targetType: "idea", targetId: id, reason: "spam", note: "Ad for a shop" }, id)).toMatchObject({ ok: true, value: { ideaId: id, alreadyReported: false } });
    expect(await reportContent(getDb(), reporter, { targetType: "idea", targetId: id, reason: "offensive" }, id)).toMatchObject({ ok: true, value: { ideaId: id, alreadyReported: true } });
    expect(await reportContent(getDb(), reporter, { targetType: "comment", targetId: comment.id, reason: "personal_information" }, id)).toMatchObject({ ok: true, value: { ideaId: id } });
    const rows = getDb().select().from(reports).all();
    expect(rows.map((r) => [r.targetType, r.reason, r.note])).toEqual([
      ["idea", "spam", "Ad for a shop"],
      ["comment", "personal_information", null],
    ]);
  });

  it("refuses suspended residents and unknown or hidden targets", async () => {
    const author = await createUser(getDb());
    const suspended = await createUser(getDb(), { suspendedAt: new Date() });
    const { id } = createIdeaRow(getDb(), author.id);
    const hidden = createIdeaRow(getDb(), author.id, { hiddenAt: new Date() });
    expect(await reportContent(getDb(), suspended, { targetType: "idea", targetId: id, reason: "spam" }, id)).toMatchObject({ ok: false, code: "suspended" });
    expect(await reportContent(getDb(), author, { targetType: "idea", targetId: hidden.id, reason: "spam" }, hidden.id)).toMatchObject({ ok: false, code: "notFound" });
    expect(await reportContent(getDb(), author, { targetType: "comment", targetId: 12345, reason: "spam" }, id)).toMatchObject({ ok: false, code: "notFound" });
    expect(getDb().select().from(reports).all()).toHaveLength(0);
  });

  it("refuses items that are hidden or belong to another idea, storing nothing", async () => {
    const author = await createUser(getDb());
    const reporter = await createUser(getDb());
    const a = createIdeaRow(getDb(), author.id);
    const b = createIdeaRow(getDb(), author.id);
    const hiddenComment = createCommentRow(getDb(), a.id, author.id, { hiddenAt: new Date(), hiddenReason: "spam" });
    const commentOnB = createCommentRow(getDb(), b.id, author.id);
    expect(await reportContent(getDb(), reporter, { targetType: "comment", targetId: hiddenComment.id, reason: "spam" }, a.id)).toMatchObject({ ok: false, code: "notFound" });
    expect(await reportContent(getDb(), reporter, { targetType: "comment", targetId: commentOnB.id, reason: "spam" }, a.id)).toMatchObject({ ok: false, code: "notFound" });
    expect(await reportContent(getDb(), reporter, { targetType: "idea", targetId: b.id, reason: "spam" }, a.id)).toMatchObject({ ok: false, code: "notFound" });
    expect(getDb().select().from(reports).all()).toHaveLength(0);
  });
});
