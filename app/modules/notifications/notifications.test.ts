import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { mailAttempts, mailMessages, notifications, users } from "#db/schema";
import { createCommentRow, createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { deliveredMail } from "#tests/helpers/mail";
import { createComment } from "~/modules/comments/commands.server";
import { castSupport, setFollowing } from "~/modules/ideas/commands.server";
import { mergeIdea } from "~/modules/ideas/merge.server";
import { respondToIdea } from "~/modules/ideas/status.server";
import { signToken } from "~/modules/links/signed-token.server";
import { XSS_CORPUS, assertInertHtml } from "~/modules/markdown/xss-corpus";
import { deliverDue, SENDER, unsubscribeUrl } from "~/modules/mail/sender.server";
import type { OutgoingMail, Transport } from "~/modules/mail/transport.server";
import { markAllNotificationsRead, markNotificationRead, saveEmailChoices, unsubscribeByToken } from "./commands.server";
import { runDailyDigest } from "./digest.server";
import { DEFAULT_EMAIL, type NotificationGroup } from "./groups";
import { emailChoiceOf, listEmailChoices } from "./preferences.server";
import { countUnread, listNotifications } from "./queries.server";

const db = () => getDb();
const noticesOf = (userId: string) => db().select().from(notifications).where(eq(notifications.userId, userId)).all();
const kindsOf = (userId: string) => noticesOf(userId).map((n) => `${n.kind}:${n.group}`);
const everyone = () => db().select({ userId: notifications.userId }).from(notifications).all().map((n) => n.userId);
const choose = (user: { id: string; role: "resident" }, choices: Partial<Record<NotificationGroup, "instant" | "digest" | "off">>) =>
  saveEmailChoices(db(), user, { ...DEFAULT_EMAIL, ...choices });

/** An idea with its author, two followers, a supporter who also follows, a down-voter and a suspended follower. */
async function ideaWithAudience() {
  const author = await createUser(db(), { displayName: "Alice Author" });
  const staff = await createUser(db(), { role: "council", displayName: "Carla Council" });
  const follower = await createUser(db(), { displayName: "Fay Follower" });
  const both = await createUser(db(), { displayName: "Bo Both" });
  const supporter = await createUser(db(), { displayName: "Sam Supporter" });
  const against = await createUser(db(), { displayName: "Dan Downvote" });
  const suspended = await createUser(db(), { displayName: "Sue Suspended" });
  const idea = createIdeaRow(db(), author.id, { title: "Benches in the park" });
  setFollowing(db(), author, idea.id, true);
  for (const u of [follower, both, suspended]) expect(setFollowing(db(), u, idea.id, true).ok).toBe(true);
  for (const u of [both, supporter]) expect(castSupport(db(), u, idea.id, "up").ok).toBe(true);
  expect(castSupport(db(), against, idea.id, "down").ok).toBe(true);
  db().update(users).set({ suspendedAt: new Date() }).where(eq(users.id, suspended.id)).run();
  return { author, staff, follower, both, supporter, against, suspended, idea };
}

function memoryTransport(fail: (mail: OutgoingMail) => boolean = () => false) {
  const sent: OutgoingMail[] = [];
  const transport: Transport = {
    name: "outbox",
    deliver: async (mail) => {
      if (fail(mail)) throw new Error(`mailbox unavailable for ${mail.to}`);
      sent.push(mail);
    },
  };
  return { sent, transport };
}

describe("an official response", () => {
  it("reaches the author, followers and supporters once each, never the actor, a down-voter or a suspended account", async () => {
    const c = await ideaWithAudience();
    expect(respondToIdea(db(), c.staff, { ideaId: c.idea.id, status: "under_review", body: "We are **studying** it." }).ok).toBe(true);
    expect(kindsOf(c.author.id)).toEqual(["idea_answered:own_ideas"]);
    for (const u of [c.follower, c.both, c.supporter]) expect(kindsOf(u.id)).toEqual(["idea_answered:followed_ideas"]);
    expect(everyone().sort()).toEqual([c.author.id, c.follower.id, c.both.id, c.supporter.id].sort());

    // By default only the author's own idea is mailed at once, with the response and a way to stop.
    const mail = await deliveredMail(db());
    expect(mail.map((m) => m.to)).toEqual([c.author.email]);
    expect(mail[0].subject).toBe("The city answered your idea “Benches in the park”");
    expect(mail[0].text).toContain("We are **studying** it."); // the plain part keeps the Markdown as typed
    expect(mail[0].text).toContain("Under review");
    expect(mail[0].html).toContain("<strong>studying</strong>");
    expect(mail[0].headers["List-Unsubscribe"]).toMatch(/^<http:\/\/.+\/unsubscribe\?token=.+>$/);
    expect(mail[0].headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail[0].messageId).toMatch(/^<mail-\d+@.+>$/);
  });

  it("tells the council member who answered nothing, even when they follow the idea", async () => {
    const c = await ideaWithAudience();
    setFollowing(db(), c.staff, c.idea.id, true);
    castSupport(db(), c.staff, c.idea.id, "up");
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, body: "Thanks." });
    expect(noticesOf(c.staff.id)).toEqual([]);
  });

  it("announces a status change without a text as a status change, in each reader's language", async () => {
    const c = await ideaWithAudience();
    const french = await createUser(db(), { locale: "fr" });
    setFollowing(db(), french, c.idea.id, true);
    expect(choose({ ...french, role: "resident" }, { followed_ideas: "instant" }).ok).toBe(true);
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, status: "under_review", body: "Looking." });
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, status: "accepted" });
    expect(kindsOf(french.id)).toEqual(["idea_answered:followed_ideas", "idea_status:followed_ideas"]);
    const mail = (await deliveredMail(db())).filter((m) => m.to === french.email);
    expect(mail.map((m) => m.subject)).toEqual(["La ville a répondu à « Benches in the park »", "« Benches in the park » a maintenant le statut « Acceptée »"]);
  });

  it("writes the notifications with the change or not at all", async () => {
    const c = await ideaWithAudience();
    // A refused answer (an empty response on a published idea) leaves nothing behind.
    expect(respondToIdea(db(), c.staff, { ideaId: c.idea.id }).ok).toBe(false);
    expect(everyone()).toEqual([]);
    expect(db().select().from(mailMessages).all()).toEqual([]);
  });
});

describe("comments", () => {
  it("tell the author of the comment replied to, and group new comments for followers", async () => {
    const c = await ideaWithAudience();
    const first = createCommentRow(db(), c.idea.id, c.follower.id, { body: "I would use them." });
    expect((await createComment(db(), c.supporter, c.idea.id, { stance: "none", body: "Me too!", parentId: first.id })).ok).toBe(true);
    // The follower hears of the reply once (not also as a new comment on a followed idea).
    expect(kindsOf(c.follower.id)).toEqual(["comment_reply:replies"]);
    expect(kindsOf(c.author.id)).toEqual(["idea_comments:followed_comments"]);
    expect(kindsOf(c.supporter.id)).toEqual([]);

    await createComment(db(), c.both, c.idea.id, { stance: "none", body: "Near the pond, please." });
    await createComment(db(), c.supporter, c.idea.id, { stance: "none", body: "And shade." });
    const [grouped] = noticesOf(c.author.id);
    expect(grouped.count).toBe(3);
    expect(listNotifications(db(), c.author.id, 1).items[0]).toMatchObject({ kind: "idea_comments", count: 3, ideaTitle: "Benches in the park" });

    // Once read, the next comment starts a new notification.
    expect(markNotificationRead(db(), c.author, grouped.id).ok).toBe(true);
    await createComment(db(), c.follower, c.idea.id, { stance: "none", body: "One more." });
    expect(noticesOf(c.author.id).map((n) => [n.count, n.readAt === null])).toEqual([
      [3, false],
      [1, true],
    ]);
  });

  it("do not notify the commenter about their own comment or reply", async () => {
    const c = await ideaWithAudience();
    const mine = createCommentRow(db(), c.idea.id, c.follower.id);
    await createComment(db(), c.follower, c.idea.id, { stance: "none", body: "Adding to my own point.", parentId: mine.id });
    expect(noticesOf(c.follower.id)).toEqual([]);
  });
});

describe("a merge", () => {
  it("tells the duplicate's author and the people whose support moved, not the original's followers", async () => {
    const c = await ideaWithAudience();
    const other = await createUser(db());
    const original = createIdeaRow(db(), other.id, { title: "Park benches everywhere" });
    setFollowing(db(), other, original.id, true);
    expect(mergeIdea(db(), c.staff, { duplicateId: c.idea.id, originalId: original.id, note: "Same proposal." }).ok).toBe(true);
    expect(kindsOf(c.author.id)).toEqual(["idea_merged:own_ideas"]);
    for (const u of [c.follower, c.both, c.supporter]) expect(kindsOf(u.id)).toEqual(["idea_merged:followed_ideas"]);
    expect(noticesOf(other.id)).toEqual([]);
    const [mail] = await deliveredMail(db());
    expect(mail.subject).toBe("Your idea “Benches in the park” was merged into another idea");
    expect(mail.text).toContain("“Park benches everywhere”");
    expect(mail.text).toContain(`/ideas/${original.id}`);
  });
});

describe("preferences", () => {
  it("default to: my ideas at once, comments on followed ideas in the digest, the rest in-app only", async () => {
    const u = await createUser(db());
    expect(listEmailChoices(db(), u.id)).toEqual(DEFAULT_EMAIL);
    expect(DEFAULT_EMAIL).toMatchObject({ own_ideas: "instant", followed_comments: "digest", replies: "off", followed_ideas: "off" });
  });

  it("decide each notification's e-mail, and a later change still stops a queued one", async () => {
    const c = await ideaWithAudience();
    choose({ ...c.author, role: "resident" }, { own_ideas: "off" });
    choose({ ...c.follower, role: "resident" }, { followed_ideas: "instant" });
    choose({ ...c.both, role: "resident" }, { followed_ideas: "digest" });
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, body: "Noted." });
    const fate = (id: string) => noticesOf(id)[0].emailFate;
    expect([fate(c.author.id), fate(c.follower.id), fate(c.both.id), fate(c.supporter.id)]).toEqual(["off", "instant", "digest", "off"]);
    // In-app notifications arrive whatever the e-mail choice.
    expect(countUnread(db(), c.author.id)).toBe(1);

    choose({ ...c.follower, role: "resident" }, { followed_ideas: "off" });
    expect(await deliveredMail(db())).toEqual([]);
    const [row] = db().select().from(mailMessages).all();
    expect(row).toMatchObject({ status: "skipped", skipReason: "preference_off" });
  });
});

describe("the digest", () => {
  const at = (iso: string) => new Date(iso);

  it("sends one e-mail per person and day with what they have not read, however often it runs", async () => {
    const c = await ideaWithAudience();
    await createComment(db(), c.follower, c.idea.id, { stance: "none", body: "First." });
    await createComment(db(), c.supporter, c.idea.id, { stance: "none", body: "Second." });
    const other = createIdeaRow(db(), c.staff.id, { title: "Night buses" });
    setFollowing(db(), c.author, other.id, true);
    await createComment(db(), c.follower, other.id, { stance: "none", body: "Yes." });
    const read = noticesOf(c.author.id).find((n) => n.ideaId === other.id)!;
    markNotificationRead(db(), c.author, read.id);

    // Before the digest hour (07:00 in the city), nothing; then one each for the author and the
    // two followers who did not write every comment; then none again that day.
    expect(runDailyDigest(db(), at("2026-12-02T05:00:00Z"))).toBe(0);
    expect(runDailyDigest(db(), at("2026-12-02T07:30:00Z"))).toBe(3);
    expect(runDailyDigest(db(), at("2026-12-02T08:00:00Z"))).toBe(0);
    await createComment(db(), c.both, c.idea.id, { stance: "none", body: "Third, after the digest." });
    expect(runDailyDigest(db(), at("2026-12-02T18:00:00Z"))).toBe(0);

    const mail = (await deliveredMail(db(), { at: at("2026-12-02T18:00:01Z") })).filter((m) => m.to === c.author.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("Your daily digest: 1 update on Civic Ideas");
    expect(mail[0].text).toContain("2 new comments on “Benches in the park”");
    expect(mail[0].text).not.toContain("Night buses");
    expect(mail[0].headers["List-Unsubscribe"]).toContain("/unsubscribe?token=");

    // The comment that came after today's digest goes in tomorrow's.
    expect(runDailyDigest(db(), at("2026-12-03T07:00:00Z"))).toBe(2);
    const next = (await deliveredMail(db(), { at: at("2026-12-03T07:00:01Z") })).filter((m) => m.to === c.author.email);
    expect(next).toHaveLength(2);
    expect(next[1].text).toContain("1 new comment on “Benches in the park”");
  });
});

describe("the sender", () => {
  it("retries a failing delivery with growing delays, records every attempt, and gives up in the end", async () => {
    const c = await ideaWithAudience();
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, body: "Noted." });
    const { transport, sent } = memoryTransport(() => true);
    let clock = Math.ceil(Date.now() / 1000) * 1000 + 1000; // whole seconds, as stored
    const delays: number[] = [];
    for (let i = 0; i < SENDER.maxAttempts; i++) {
      await deliverDue(db(), { transport, now: () => new Date(clock) });
      const row = db().select().from(mailMessages).get()!;
      delays.push(Math.round((row.nextAttemptAt.getTime() - clock) / 1000));
      clock = row.nextAttemptAt.getTime() + 1000;
    }
    const row = db().select().from(mailMessages).get()!;
    expect(row).toMatchObject({ status: "failed", attempts: SENDER.maxAttempts });
    expect(row.lastError).toContain("mailbox unavailable");
    expect(row.lastError).not.toContain(c.author.email); // addresses are redacted from errors
    expect(delays.slice(0, 4)).toEqual([30, 60, 120, 240]);
    expect(db().select().from(mailAttempts).all().map((a) => a.outcome)).toEqual([...Array(SENDER.maxAttempts - 1).fill("retry"), "failed"]);
    expect(sent).toEqual([]);
  });

  it("sends nothing to a suspended or deleted account, and says why", async () => {
    const c = await ideaWithAudience();
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, body: "Noted." });
    db().update(users).set({ deletedAt: new Date() }).where(eq(users.id, c.author.id)).run();
    expect(await deliveredMail(db())).toEqual([]);
    expect(db().select().from(mailMessages).get()).toMatchObject({ status: "skipped", skipReason: "no_address" });
  });

  it("erases a reset link from the outbox once it is delivered", async () => {
    const { requestPasswordReset } = await import("~/modules/auth/commands.server");
    const u = await createUser(db());
    await requestPasswordReset(db(), u.email, { ip: "192.0.2.77" });
    const [mail] = await deliveredMail(db());
    expect(mail.text).toMatch(/reset-password\?token=/);
    expect(mail.headers["List-Unsubscribe"]).toBeUndefined(); // account mail always goes
    expect(JSON.stringify(db().select().from(mailMessages).get()!.data)).not.toContain("token");
  });
});

describe("the notification centre", () => {
  it("marks only the reader's own notifications read", async () => {
    const c = await ideaWithAudience();
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, body: "Noted." });
    const [mine] = noticesOf(c.author.id);
    expect(markNotificationRead(db(), c.follower, mine.id)).toMatchObject({ ok: false, code: "notFound" });
    expect(countUnread(db(), c.author.id)).toBe(1);
    expect(markAllNotificationsRead(db(), c.follower)).toMatchObject({ ok: true, value: { marked: 1 } });
    expect(countUnread(db(), c.author.id)).toBe(1);
  });

  it("pages newest first and hides the title of an idea no longer shown (except to its author)", async () => {
    const c = await ideaWithAudience();
    for (let i = 0; i < 22; i++) respondToIdea(db(), c.staff, { ideaId: c.idea.id, body: `Update ${i}.` });
    const first = listNotifications(db(), c.follower.id, 1);
    expect(first.items).toHaveLength(20);
    expect(first.total).toBe(22);
    expect(listNotifications(db(), c.follower.id, 2).items).toHaveLength(2);
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id);
    db().update((await import("#db/schema")).ideas).set({ listed: false, hiddenAt: new Date() }).run();
    expect(listNotifications(db(), c.follower.id, 1).items[0]).toMatchObject({ ideaTitle: null, href: null });
    expect(listNotifications(db(), c.author.id, 1).items[0].ideaTitle).toBe("Benches in the park");
    // Nor is it mailed any more.
    choose({ ...c.follower, role: "resident" }, { followed_ideas: "instant" });
    respondToIdea(db(), c.staff, { ideaId: c.idea.id, body: "Hidden now." });
    expect((await deliveredMail(db())).filter((m) => m.to === c.follower.email)).toEqual([]);
  });
});

describe("unsubscribing", () => {
  it("turns off exactly the link's group for the link's person", async () => {
    const a = await createUser(db());
    const b = await createUser(db());
    const token = new URL(unsubscribeUrl(a.id, ["own_ideas"])).searchParams.get("token");
    expect(unsubscribeByToken(db(), token)).toMatchObject({ ok: true, value: { groups: ["own_ideas"] } });
    expect(listEmailChoices(db(), a.id)).toEqual({ ...DEFAULT_EMAIL, own_ideas: "off" });
    expect(listEmailChoices(db(), b.id)).toEqual(DEFAULT_EMAIL);
  });

  it("refuses a forged, altered or borrowed token and changes nothing", async () => {
    const a = await createUser(db());
    const b = await createUser(db());
    const genuine = new URL(unsubscribeUrl(a.id, ["followed_comments"])).searchParams.get("token")!;
    const [body, mac] = genuine.split(".");
    const altered = Buffer.from(JSON.stringify({ u: b.id, g: "followed_comments" })).toString("base64url");
    const forgeries = [
      `${altered}.${mac}`, // someone else's id under the genuine signature
      `${body}.${mac.slice(0, -2)}xx`,
      signToken("verify-email", { u: b.id, g: "followed_comments" }, null), // another purpose's key
      signToken("unsubscribe", { u: b.id, g: "no_such_group" }, null),
      "",
      null,
    ];
    for (const token of forgeries) expect(unsubscribeByToken(db(), token)).toMatchObject({ ok: false, code: "invalid" });
    expect(emailChoiceOf(db(), b.id, "followed_comments")).toBe("digest");
    expect(db().select().from(notifications).where(and(eq(notifications.userId, b.id))).all()).toEqual([]);
  });
});

describe("hostile text", () => {
  it("stays inert in the HTML part: titles, names and responses from the XSS corpus", async () => {
    const staff = await createUser(db(), { role: "council", displayName: XSS_CORPUS[1].slice(0, 50) });
    for (const [i, hostile] of XSS_CORPUS.entries()) {
      const author = await createUser(db(), { displayName: hostile.slice(0, 50) });
      const replier = await createUser(db(), { displayName: XSS_CORPUS[(i + 1) % XSS_CORPUS.length].slice(0, 50) });
      choose({ ...author, role: "resident" }, { replies: "instant", followed_comments: "instant" });
      const idea = createIdeaRow(db(), author.id, { title: `Idea ${hostile}`.slice(0, 120) });
      setFollowing(db(), author, idea.id, true);
      const comment = createCommentRow(db(), idea.id, author.id);
      await createComment(db(), replier, idea.id, { stance: "none", body: `Reply: ${hostile}`, parentId: comment.id });
      respondToIdea(db(), staff, { ideaId: idea.id, body: hostile });
    }
    const mail = await deliveredMail(db());
    expect(mail.length).toBeGreaterThanOrEqual(XSS_CORPUS.length * 2);
    for (const m of mail) {
      const body = m.html.slice(m.html.indexOf("<body"), m.html.lastIndexOf("</body>"));
      expect(assertInertHtml(body), m.subject).toEqual([]);
    }
  });
});
