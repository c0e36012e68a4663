import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import type { Actor } from "~/modules/commands/actor";
import { auditEvents, comments, ideas, moderationCases, moderationDecisions, notifications, reports, users } from "#db/schema";
import { createCommentRow, createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { createComment } from "~/modules/comments/commands.server";
import { listDiscussion } from "~/modules/comments/queries.server";
import { castSupport, createIdea, updateIdea } from "~/modules/ideas/commands.server";
import { mergeIdea } from "~/modules/ideas/merge.server";
import { getIdea, listIdeas } from "~/modules/ideas/queries.server";
import { IdeaListQuerySchema } from "~/modules/ideas/validation";
import { XSS_CORPUS, assertInertHtml } from "~/modules/markdown/xss-corpus";
import { reportContent } from "~/modules/reports/commands.server";
import { updateSiteSettings } from "~/modules/settings/commands.server";
import { decideCase, requestReview, sanctionAuthor } from "./commands.server";
import { countOpenCases, getCase, listCases, listModerationLog, listReviewableDecisions } from "./queries.server";
import { reachesAutoHide, reportWeight } from "./scoring";
import { scoreCaseContent } from "./spam.server";
import { CaseQueueQuerySchema } from "./validation";

const db = () => getDb();
const DAY = 86_400_000;
const established = (name?: string) => createUser(db(), { createdAt: new Date(Date.now() - 30 * DAY), ...(name ? { displayName: name } : {}) });
const caseOf = (targetType: "idea" | "comment", targetId: number) => db().select().from(moderationCases).where(eq(moderationCases.targetId, targetId)).all().filter((c) => c.targetType === targetType);
const idea = (id: number) => db().select().from(ideas).where(eq(ideas.id, id)).get()!;
const kindsFor = (userId: string) => db().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId)).all().map((n) => n.kind);
const queue = (q: Record<string, string> = {}) => listCases(db(), CaseQueueQuerySchema.parse(q));

async function reportBy(people: Actor[], target: { targetType: "idea" | "comment"; targetId: number }, ideaId: number, reason: "spam" | "offensive" = "offensive", note?: string) {
  for (const p of people) {
    const r = await reportContent(db(), p, { ...target, reason, note }, ideaId);
    if (!r.ok) throw new Error(`report refused: ${r.code}`);
  }
}

describe("report weights", () => {
  it("count nothing from accounts under a day old, half under a week, and follow the track record", () => {
    expect(reportWeight({ accountAgeDays: 0.5, upheld: 10, dismissed: 0 })).toBe(0);
    expect(reportWeight({ accountAgeDays: 3, upheld: 0, dismissed: 0 })).toBe(0.5);
    expect(reportWeight({ accountAgeDays: 30, upheld: 0, dismissed: 0 })).toBe(1);
    expect(reportWeight({ accountAgeDays: 30, upheld: 8, dismissed: 0 })).toBeGreaterThan(1.7);
    expect(reportWeight({ accountAgeDays: 30, upheld: 0, dismissed: 8 })).toBeLessThan(0.3);
    expect(reachesAutoHide({ weightyReporters: 3, weight: 3 }, { reporters: 3, weight: 3 })).toBe(true);
    expect(reachesAutoHide({ weightyReporters: 50, weight: 2.9 }, { reporters: 3, weight: 3 })).toBe(false);
    expect(reachesAutoHide({ weightyReporters: 9, weight: 9 }, { reporters: 0, weight: 3 })).toBe(false);
  });
});

describe("cases and auto-hide", () => {
  it("gather an item's reports in one case, and hide it pending review when three established residents report it", async () => {
    const author = await established("Ann Author");
    const item = createIdeaRow(db(), author.id, { title: "Graffiti everywhere" });
    const comment = createCommentRow(db(), item.id, author.id, { body: "You are all idiots." });
    const [a, b, c] = [await established(), await established(), await established()];
    await reportBy([a, b], { targetType: "comment", targetId: comment.id }, item.id, "offensive", "Insults");
    expect(caseOf("comment", comment.id)).toHaveLength(1);
    expect(caseOf("comment", comment.id)[0]).toMatchObject({ reportCount: 2, score: 2, autoHiddenAt: null });
    await reportBy([c], { targetType: "comment", targetId: comment.id }, item.id);
    const [found] = caseOf("comment", comment.id);
    expect(found).toMatchObject({ reportCount: 3, score: 3, status: "open" });
    expect(found.autoHiddenAt).not.toBeNull();
    const hidden = db().select().from(comments).where(eq(comments.id, comment.id)).get()!;
    expect(hidden).toMatchObject({ hiddenKind: "auto", hiddenReason: "" });
    expect(kindsFor(author.id)).toEqual(["content_hidden"]);
    // Hidden for everyone else, its text kept for its author.
    const visitor = listDiscussion(db(), item.id, 1, null, true).threads[0];
    expect(visitor).toMatchObject({ state: "hidden", html: null, hiddenKind: "auto" });
    expect(listDiscussion(db(), item.id, 1, author, true).threads[0].html).toContain("idiots");
    expect(countOpenCases(db()).open).toBe(1);
  });

  it("never hide a good idea on a flood of reports from fresh accounts", async () => {
    const author = await established();
    const good = createIdeaRow(db(), author.id, { title: "A library in the old station" });
    const flood = await Promise.all(Array.from({ length: 40 }, () => createUser(db())));
    await reportBy(flood, { targetType: "idea", targetId: good.id }, good.id, "spam");
    expect(idea(good.id)).toMatchObject({ hiddenAt: null, listed: true });
    const [found] = caseOf("idea", good.id);
    expect(found).toMatchObject({ reportCount: 40, score: 0, autoHiddenAt: null });
    // It still reaches the queue, last by weight.
    expect(queue().cases.map((c) => c.id)).toContain(found.id);
  });

  it("follow the admins' thresholds", async () => {
    const admin = await createUser(db(), { role: "admin" });
    expect(updateSiteSettings(db(), admin, { autoHide: { reporters: 0, weight: 3 } }).ok).toBe(true);
    const author = await established();
    const item = createIdeaRow(db(), author.id);
    await reportBy([await established(), await established(), await established(), await established()], { targetType: "idea", targetId: item.id }, item.id);
    expect(idea(item.id).hiddenAt).toBeNull();
  });
});

describe("decisions", () => {
  async function reportedComment() {
    const author = await established("Carl Commenter");
    const moderator = await createUser(db(), { role: "moderator" });
    const item = createIdeaRow(db(), author.id, { title: "Night buses" });
    const posted = await createComment(db(), author, item.id, { body: "Buy cheap pills at www.example.com", stance: "none" });
    if (!posted.ok) throw new Error(posted.code);
    const comment = { id: posted.value.id };
    const reporters = [await established(), await established()];
    await reportBy(reporters, { targetType: "comment", targetId: comment.id }, item.id, "spam");
    const [found] = caseOf("comment", comment.id);
    return { author, moderator, item, comment, reporters, found };
  }

  it("hide with a public reason: the author and the reporters are told, the log and the audit log record it, the count follows", async () => {
    const c = await reportedComment();
    expect(idea(c.item.id).commentCount).toBe(1);
    const decided = decideCase(db(), c.moderator, { action: "hide", caseId: c.found.id, reason: "Advertising.", confirm: "yes" });
    expect(decided.ok).toBe(true);
    expect(db().select().from(comments).where(eq(comments.id, c.comment.id)).get()).toMatchObject({ hiddenKind: "moderator", hiddenReason: "Advertising." });
    expect(db().select({ outcome: reports.outcome }).from(reports).all().map((r) => r.outcome)).toEqual(["upheld", "upheld"]);
    expect(kindsFor(c.author.id)).toEqual(["content_hidden"]);
    for (const r of c.reporters) expect(kindsFor(r.id)).toEqual(["report_outcome"]);
    expect(listModerationLog(db(), 1).entries).toEqual([expect.objectContaining({ action: "hidden", targetType: "comment", publicReason: "Advertising." })]);
    expect(JSON.stringify(listModerationLog(db(), 1))).not.toContain(c.moderator.id);
    expect(db().select({ action: auditEvents.action }).from(auditEvents).all().map((a) => a.action)).toContain("moderation.hidden");
    expect(listDiscussion(db(), c.item.id, 1, null, true).threads[0]).toMatchObject({ state: "hidden", hiddenReason: "Advertising.", html: null });
    expect(countOpenCases(db()).open).toBe(0);
    expect(idea(c.item.id).commentCount).toBe(0);
  });

  it("are applied once when two moderators decide the same case: the second is told who was first", async () => {
    const c = await reportedComment();
    const other = await createUser(db(), { role: "moderator", displayName: "Mona Mod" });
    expect(decideCase(db(), other, { action: "dismiss", caseId: c.found.id }).ok).toBe(true);
    const late = decideCase(db(), c.moderator, { action: "hide", caseId: c.found.id, reason: "Spam", confirm: "yes" });
    expect(late).toMatchObject({ ok: false, code: "conflict", params: { name: "Mona Mod" } });
    expect(db().select().from(moderationDecisions).all()).toHaveLength(1);
    expect(db().select().from(comments).where(eq(comments.id, c.comment.id)).get()!.hiddenAt).toBeNull();
  });

  it("dismissing ends an automatic hiding, and dismissed reports weigh less next time", async () => {
    const author = await established();
    const moderator = await createUser(db(), { role: "moderator" });
    const item = createIdeaRow(db(), author.id);
    const reporters = [await established(), await established(), await established()];
    await reportBy(reporters, { targetType: "idea", targetId: item.id }, item.id);
    expect(idea(item.id).hiddenKind).toBe("auto");
    const [found] = caseOf("idea", item.id);
    expect(decideCase(db(), moderator, { action: "dismiss", caseId: found.id }).ok).toBe(true);
    expect(idea(item.id)).toMatchObject({ hiddenAt: null, listed: true });
    expect(kindsFor(author.id)).toEqual(["content_hidden", "content_restored"]);
    const next = createIdeaRow(db(), author.id);
    await reportBy([reporters[0]], { targetType: "idea", targetId: next.id }, next.id);
    expect(db().select({ weight: reports.weight }).from(reports).where(eq(reports.targetId, next.id)).get()!.weight).toBeLessThan(1);
  });

  it("are refused to a moderator on their own content", async () => {
    const moderator = await createUser(db(), { role: "moderator", createdAt: new Date(Date.now() - 30 * DAY) });
    const item = createIdeaRow(db(), moderator.id);
    await reportBy([await established()], { targetType: "idea", targetId: item.id }, item.id);
    const [found] = caseOf("idea", item.id);
    expect(decideCase(db(), moderator, { action: "dismiss", caseId: found.id })).toMatchObject({ ok: false, code: "forbidden", message: "errors.moderation.ownContent" });
  });

  it("need changes: the author edits the hidden idea, which goes back to the moderators to be shown", async () => {
    const author = await established();
    const moderator = await createUser(db(), { role: "moderator" });
    const created = await createIdea(db(), author, { title: "Ban all cars", body: "Now." });
    if (!created.ok) throw new Error(created.code);
    await reportBy([await established()], { targetType: "idea", targetId: created.value.id }, created.value.id);
    const [found] = caseOf("idea", created.value.id);
    expect(decideCase(db(), moderator, { action: "needs_changes", caseId: found.id, reason: "Say where and why.", confirm: "yes" }).ok).toBe(true);
    expect(idea(created.value.id)).toMatchObject({ hiddenKind: "needs_changes", listed: false });
    expect(getIdea(db(), created.value.id, author)?.viewer.canEdit).toBe(true);
    expect(updateIdea(db(), author, created.value.id, { title: "Car-free Sundays on the quay", body: "Once a month, to let families walk." }).ok).toBe(true);
    const [edited] = caseOf("idea", created.value.id).filter((c) => c.status === "open");
    expect(edited.kind).toBe("edited");
    expect(decideCase(db(), moderator, { action: "restore", caseId: edited.id }).ok).toBe(true);
    expect(idea(created.value.id)).toMatchObject({ hiddenAt: null, listed: true });
  });

  it("can be reviewed once at the author's request, by another moderator", async () => {
    const c = await reportedComment();
    decideCase(db(), c.moderator, { action: "hide", caseId: c.found.id, reason: "Advertising.", confirm: "yes" });
    const reviewable = listReviewableDecisions(db(), c.author.id);
    const decisionId = reviewable[`comment:${c.comment.id}`];
    expect(decisionId).toBeGreaterThan(0);
    const someoneElse = await established();
    expect(requestReview(db(), someoneElse, decisionId)).toMatchObject({ ok: false, code: "notFound" });
    const asked = requestReview(db(), c.author, decisionId);
    expect(asked.ok).toBe(true);
    expect(requestReview(db(), c.author, decisionId)).toMatchObject({ ok: false });
    expect(listReviewableDecisions(db(), c.author.id)).toEqual({});
    const review = caseOf("comment", c.comment.id).find((x) => x.status === "open")!;
    expect(review.kind).toBe("review");
    expect(decideCase(db(), c.moderator, { action: "restore", caseId: review.id })).toMatchObject({ ok: false, message: "errors.moderation.reviewByAnother" });
    const second = await createUser(db(), { role: "moderator" });
    expect(decideCase(db(), second, { action: "restore", caseId: review.id }).ok).toBe(true);
    expect(db().select().from(comments).where(eq(comments.id, c.comment.id)).get()!.hiddenAt).toBeNull();
  });

  it("close a duplicate's case when it is merged", async () => {
    const author = await established();
    const moderator = await createUser(db(), { role: "moderator" });
    const original = createIdeaRow(db(), author.id);
    const duplicate = createIdeaRow(db(), (await established()).id);
    await reportBy([await established()], { targetType: "idea", targetId: duplicate.id }, duplicate.id, "offensive");
    expect(mergeIdea(db(), moderator, { duplicateId: duplicate.id, originalId: original.id, note: "Same idea." }).ok).toBe(true);
    expect(caseOf("idea", duplicate.id)[0]).toMatchObject({ status: "decided" });
    expect(listModerationLog(db(), 1).entries[0]).toMatchObject({ action: "merged" });
  });
});

describe("silencing", () => {
  it("keeps a resident with a live session reading but not posting, commenting, supporting or reporting, until it ends", async () => {
    const author = await established();
    const moderator = await createUser(db(), { role: "moderator" });
    const item = createIdeaRow(db(), (await established()).id);
    const comment = createCommentRow(db(), item.id, author.id);
    await reportBy([await established()], { targetType: "comment", targetId: comment.id }, item.id);
    const [found] = caseOf("comment", comment.id);
    expect(sanctionAuthor(db(), moderator, { sanction: "silence", caseId: found.id, days: 3, reason: "Repeated insults.", confirm: "yes" }).ok).toBe(true);
    expect((await createIdea(db(), author, { title: "New", body: "Idea" })).ok).toBe(false);
    expect(await createComment(db(), author, item.id, { body: "Hello", stance: "none" })).toMatchObject({ ok: false, code: "silenced" });
    expect(castSupport(db(), author, item.id, "up")).toMatchObject({ ok: false, code: "silenced" });
    expect(await reportContent(db(), author, { targetType: "idea", targetId: item.id, reason: "spam" }, item.id)).toMatchObject({ ok: false, code: "silenced" });
    expect(getIdea(db(), item.id, author)).not.toBeNull();
    // The case stays open: the comment still needs a decision.
    expect(caseOf("comment", comment.id)[0].status).toBe("open");
    db().update(users).set({ silencedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, author.id)).run();
    expect(castSupport(db(), author, item.id, "up").ok).toBe(true);
  });

  it("is for residents only", async () => {
    const council = await createUser(db(), { role: "council", createdAt: new Date(Date.now() - 30 * DAY) });
    const moderator = await createUser(db(), { role: "moderator" });
    const item = createIdeaRow(db(), council.id);
    await reportBy([await established()], { targetType: "idea", targetId: item.id }, item.id);
    const [found] = caseOf("idea", item.id);
    expect(sanctionAuthor(db(), moderator, { sanction: "silence", caseId: found.id, days: 3, reason: "x", confirm: "yes" })).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("the queue", () => {
  it("orders by weight, filters by reason, kind and spam, and shows the author's history", async () => {
    const author = await established("Spammy Sam");
    const heavy = createIdeaRow(db(), author.id, { title: "Heavy", body: "Visit https://a.example and https://b.example for casino bonuses" });
    const light = createIdeaRow(db(), (await established()).id, { title: "Light" });
    await reportBy([await established(), await established()], { targetType: "idea", targetId: heavy.id }, heavy.id, "spam");
    await reportBy([await createUser(db(), { createdAt: new Date(Date.now() - 3 * DAY) })], { targetType: "idea", targetId: light.id }, light.id, "offensive");
    for (const c of db().select().from(moderationCases).all()) scoreCaseContent(db(), c.id);
    expect(queue().cases.map((c) => c.ideaTitle)).toEqual(["Heavy", "Light"]);
    expect(queue({ sort: "oldest" }).cases.map((c) => c.ideaTitle)).toEqual(["Heavy", "Light"]);
    expect(queue({ reason: "offensive" }).cases.map((c) => c.ideaTitle)).toEqual(["Light"]);
    expect(queue({ type: "comment" }).cases).toEqual([]);
    const spam = queue({ spam: "likely" }).cases;
    expect(spam.map((c) => c.ideaTitle)).toEqual(["Heavy"]);
    expect(spam[0].spamSignals).toEqual(expect.arrayContaining(["links:2", expect.stringContaining("casino")]));
    // The spam signal never hides anything by itself.
    expect(idea(heavy.id).hiddenAt).toBeNull();
    expect(spam[0].author).toMatchObject({ name: "Spammy Sam", priorOutcomes: 0 });
    expect(spam[0].reasons).toEqual(["spam"]);
  });

  it("keeps hostile text as text in the case, and its rendered content inert", async () => {
    for (const hostile of XSS_CORPUS.slice(0, 12)) {
      const author = await established(hostile.slice(0, 50));
      const item = createIdeaRow(db(), author.id, { title: `T ${hostile}`.slice(0, 120), body: hostile });
      await reportBy([await established()], { targetType: "idea", targetId: item.id }, item.id, "spam", hostile.slice(0, 500));
      const [found] = caseOf("idea", item.id);
      const detail = getCase(db(), found.id)!;
      expect(assertInertHtml(detail.html)).toEqual([]);
      expect(detail.reports[0].note).toBe(hostile.slice(0, 500).trim() || null);
    }
  });
});

describe("hidden content", () => {
  it("disappears from lists and search for everyone, stays readable to its author with the reason", async () => {
    const author = await established();
    const moderator = await createUser(db(), { role: "moderator" });
    const item = createIdeaRow(db(), author.id, { title: "Zyxwv unique title" });
    await reportBy([await established()], { targetType: "idea", targetId: item.id }, item.id);
    const [found] = caseOf("idea", item.id);
    decideCase(db(), moderator, { action: "hide", caseId: found.id, reason: "Personal data.", confirm: "yes" });
    const search = listIdeas(db(), IdeaListQuerySchema.parse({ q: "Zyxwv" }));
    expect(JSON.stringify(search)).not.toContain("Zyxwv");
    expect(getIdea(db(), item.id, null)).toBeNull();
    expect(getIdea(db(), item.id, author)?.idea).toMatchObject({ hiddenReason: "Personal data.", hiddenKind: "moderator" });
  });
});
