import { and, eq } from "drizzle-orm";
import { comments } from "#db/schema";
import { createCommentRow } from "../factories/ideas";
import { DEFAULT_TEST_PASSWORD } from "../factories/users";
import { findOpenCase } from "~/modules/moderation/cases.server";
import { reportContent } from "~/modules/reports/commands.server";
import { XSS_CORPUS } from "~/modules/markdown/xss-corpus";
import { hasControlCharacters } from "~/utils/validation";
import { seedIdea, seedUser, uniqueWord, userIdByEmail, withE2eDb } from "./data";
import { allowRefusals, expect, expectAxeClean, newContext, newResident, signInAs, test } from "./helpers";

const MONTH_AGO = () => new Date(Date.now() - 30 * 86_400_000);
/** Residents with a month-old account: their reports weigh something (a fresh account's weigh nothing). */
const establishedResident = (name: string) => seedUser({ displayName: name, createdAt: MONTH_AGO() });

/** The open case of an item (the queue's other pages hold other specs' cases). */
function openCaseOf(targetType: "idea" | "comment", targetId: number) {
  return withE2eDb((db) => findOpenCase(db, targetType, targetId)!.id);
}

function reportFromDb(reporter: { id: string; role: "resident" | "moderator" | "council" | "admin" }, commentId: number, ideaId: number, note?: string) {
  return withE2eDb((db) => reportContent(db, reporter, { targetType: "comment", targetId: commentId, reason: "offensive", note }, ideaId));
}

test("three residents report a comment: hidden at once, a moderator confirms it with a reason, author and reporter are told; another case is dismissed", async ({ page, browser }) => {
  test.slow();
  const word = uniqueWord("mod");
  const idea = seedIdea({ title: `Quiet streets ${word}` });
  const ada = await newResident(browser, "Ada Author");
  await ada.page.goto(`/ideas/${idea.id}`);
  await ada.page.getByLabel("Your comment", { exact: true }).fill(`Everyone here is an idiot ${word}`);
  await ada.page.getByRole("button", { name: "Post comment" }).click();
  await expect(ada.page.locator(".thread .comment").first()).toContainText("Everyone here is an idiot");
  const commentId = withE2eDb((db) => db.select({ id: comments.id }).from(comments).where(and(eq(comments.ideaId, idea.id), eq(comments.authorId, userIdByEmail(ada.email)))).get()!.id);

  // The first reporter reports through the page; two more from their own accounts.
  const rita = await establishedResident("Rita Reporter");
  const reporter = await (await newContext(browser)).newPage();
  await signInAs(reporter, { email: rita.email, password: DEFAULT_TEST_PASSWORD });
  await reporter.goto(`/comments/${commentId}/report`);
  await reporter.getByLabel("Reason").selectOption("offensive");
  await reporter.getByLabel("Note for the moderators (optional)").fill("Insults the neighbours");
  await reporter.getByRole("button", { name: "Send the report" }).click();
  await expect(reporter.getByText("Thank you. The moderators will look at it.")).toBeVisible();
  for (const name of ["Ravi Reporter", "Rosa Reporter"]) expect((await reportFromDb(await establishedResident(name), commentId, idea.id)).ok).toBe(true);

  // Hidden for everyone, pending a decision.
  const visitor = await (await newContext(browser)).newPage();
  await visitor.goto(`/ideas/${idea.id}`);
  await expect(visitor.getByText("Hidden after several reports, until a moderator looks at it.")).toBeVisible();
  await expect(visitor.getByText("Everyone here is an idiot")).toHaveCount(0);

  await signInAs(page, "moderator");
  await page.goto("/moderation");
  await expectAxeClean(page);
  await expect(page.getByText(/cases? waits? for a decision/)).toBeVisible();
  await page.getByRole("link", { name: `Comment on “Quiet streets ${word}”` }).click();
  await expect(page.getByRole("cell", { name: /Rita Reporter/ })).toBeVisible();
  await expect(page.getByText("Insults the neighbours")).toBeVisible();
  await expectAxeClean(page);
  const keep = page.locator("form.decision", { has: page.getByRole("button", { name: "Keep it hidden" }) });
  await keep.getByLabel(/Public reason/).fill("Insults other residents.");
  await keep.getByLabel("Yes: Keep it hidden").check();
  await keep.getByRole("button", { name: "Keep it hidden" }).click();
  await expect(page.getByText("Decided. The people concerned are told.")).toBeVisible();

  // The author sees why, and is notified.
  await ada.page.goto("/notifications");
  await expect(ada.page.getByRole("link", { name: `A moderator hid your comment on “Quiet streets ${word}”: Insults other residents.` })).toBeVisible();
  await ada.page.goto(`/ideas/${idea.id}`);
  await expect(ada.page.getByText("Hidden by a moderator: Insults other residents.")).toBeVisible();
  await expect(ada.page.getByText("Only you can still read its text.")).toBeVisible();
  await expect(ada.page.getByRole("button", { name: "Ask a moderator to look again" })).toBeVisible();
  await visitor.reload();
  await expect(visitor.getByText("Hidden by a moderator: Insults other residents.")).toBeVisible();

  // The reporter learns the outcome.
  await reporter.goto("/notifications");
  await expect(reporter.getByText(`Thank you: the comment you reported on “Quiet streets ${word}” was hidden`)).toBeVisible();

  // Another case: a fair comment, reported once, dismissed.
  const fair = withE2eDb((db) => createCommentRow(db, idea.id, userIdByEmail(ada.email), { body: `A fair point ${word}` }));
  expect((await reportFromDb(await establishedResident("Otto Overreacting"), fair.id, idea.id)).ok).toBe(true);
  await page.goto(`/moderation/cases/${openCaseOf("comment", fair.id)}`);
  await page.getByRole("button", { name: "Dismiss the reports" }).click();
  await expect(page.getByText("Decided. The people concerned are told.")).toBeVisible();

  // The public log: decisions and reasons, never names.
  await visitor.goto("/moderation/log");
  await expect(visitor.getByRole("cell", { name: "Insults other residents." }).first()).toBeVisible();
  await expect(visitor.getByRole("cell", { name: "Reports dismissed" }).first()).toBeVisible();
  for (const name of ["Rita Reporter", "Ravi Reporter", "Morgan Moderator", "Ada Author"]) await expect(visitor.getByText(name)).toHaveCount(0);
  await expectAxeClean(visitor);
  await ada.context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a moderator must tick the confirmation before hiding, and the reason typed is kept", async ({ page }) => {
    allowRefusals();
    const word = uniqueWord("nojsmod");
    const idea = seedIdea({ title: `Loud bins ${word}`, author: "resident" });
    const author = withE2eDb((db) => createCommentRow(db, idea.id, userIdByEmail("e2e-resident@example.org"), { body: `Spam spam ${word}` }));
    expect((await reportFromDb(await establishedResident("Nora Noscript"), author.id, idea.id)).ok).toBe(true);
    await signInAs(page, "moderator");
    await page.goto(`/moderation/cases/${openCaseOf("comment", author.id)}`);
    const hide = page.locator("form.decision", { has: page.getByRole("button", { name: "Hide it" }) });
    await hide.getByLabel(/Public reason/).fill("Repeated advertising.");
    await hide.getByRole("button", { name: "Hide it" }).click();
    await expect(page.getByText("Tick the box to confirm.")).toBeVisible();
    const again = page.locator("form.decision", { has: page.getByRole("button", { name: "Hide it" }) });
    await expect(again.getByLabel(/Public reason/)).toHaveValue("Repeated advertising.");
    await again.getByLabel("Yes: Hide it").check();
    await again.getByRole("button", { name: "Hide it" }).click();
    await expect(page.getByText("Decided. The people concerned are told.")).toBeVisible();
    await page.goto("/moderation/log");
    await expect(page.getByRole("cell", { name: "Repeated advertising." }).first()).toBeVisible();
  });
});

test.describe("in French", () => {
  test.use({ locale: "fr-FR" });

  test("the queue, a case and the log are accessible", async ({ page }) => {
    const word = uniqueWord("modfr");
    const idea = seedIdea({ title: `Bancs ${word}` });
    expect((await withE2eDb(async (db) => reportContent(db, await establishedResident("Fanny Française"), { targetType: "idea", targetId: idea.id, reason: "duplicate" }, idea.id))).ok).toBe(true);
    await signInAs(page, "moderator");
    await page.goto("/moderation");
    await expect(page.getByRole("heading", { name: "Modération" })).toBeVisible();
    await expectAxeClean(page);
    await page.getByRole("link", { name: `Idée « Bancs ${word} »` }).click();
    await expect(page.getByRole("heading", { name: `Idée « Bancs ${word} »` })).toBeVisible();
    await expectAxeClean(page);
    await page.goto("/moderation/log");
    await expect(page.getByRole("heading", { name: "Journal de modération" })).toBeVisible();
    await expectAxeClean(page);
  });
});

test("the XSS corpus stays inert in report notes, reasons, names and the reported content, in the queue, the case, the log and the audit log", async ({ page, browser }) => {
  test.slow();
  const word = uniqueWord("modxss");
  const payloads = XSS_CORPUS.filter((p) => !hasControlCharacters(p, { multiline: true })).slice(0, 12);
  const dialogs: string[] = [];
  const idea = seedIdea({ title: `${word} ${payloads[0]}`.slice(0, 120), body: payloads.join("\n\n") });
  const commentIds: number[] = [];
  for (const [i, hostile] of payloads.entries()) {
    const author = await seedUser({ displayName: hostile.slice(0, 50) || "x", createdAt: MONTH_AGO() });
    const comment = withE2eDb((db) => createCommentRow(db, idea.id, author.id, { body: `${hostile} ${word}` }));
    commentIds.push(comment.id);
    const reporter = await seedUser({ displayName: payloads[(i + 1) % payloads.length].slice(0, 50) || "y", createdAt: MONTH_AGO() });
    expect((await reportFromDb(reporter, comment.id, idea.id, hostile.slice(0, 500))).ok).toBe(true);
  }
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs(page, "moderator");
  const caseLinks = commentIds.map((id) => `/moderation/cases/${openCaseOf("comment", id)}`);
  const first = caseLinks[0];
  await page.goto(first);
  const hide = page.locator("form.decision", { has: page.getByRole("button", { name: "Hide it" }) });
  await hide.getByLabel(/Public reason/).fill(payloads.join(" ").slice(0, 480));
  await hide.getByLabel("Yes: Hide it").check();
  await hide.getByRole("button", { name: "Hide it" }).click();
  await expect(page.getByText("Decided. The people concerned are told.")).toBeVisible();
  const admin = await (await newContext(browser)).newPage();
  admin.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs(admin, "admin");
  for (const [viewer, path] of [[page, "/moderation?type=comment"], [page, "/moderation?sort=oldest"], [page, caseLinks[1]], [page, first], [page, "/moderation/log"], [page, `/ideas/${idea.id}`], [admin, "/admin/audit"]] as const) {
    await viewer.goto(path);
    expect(await viewer.locator("main script, main iframe, main svg, main object, main embed, main [onerror], main [onload], main [onmouseover]").count(), path).toBe(0);
  }
  expect(dialogs).toEqual([]);
});
