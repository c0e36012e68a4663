import * as playwright from "@playwright/test";
import { castSupport, setFollowing } from "~/modules/ideas/commands.server";
import { createIdeaRow } from "../factories/ideas";
import { DEFAULT_TEST_PASSWORD } from "../factories/users";
import { seedIdea, seedUser, uniqueWord, withE2eDb } from "./data";
import { notificationPreferences } from "#db/schema";
import { allowRefusals, apiAs, expect, expectAxeClean, lastMailTo, makeJpeg, newContext, signInAs, test } from "./helpers";

test("council staff post progress and then the completion with a photo; a supporter hears of it; the tracker and the home page are accessible", async ({ page, browser }) => {
  test.slow();
  const word = uniqueWord("pj");
  const idea = seedIdea({ title: `Footbridge ${word}`, status: "funded" });
  const supporter = await seedUser({ displayName: `Sam ${word}` });
  withE2eDb((db) => {
    castSupport(db, supporter, idea.id, "up");
    setFollowing(db, supporter, idea.id, true);
    // Sam wants news of ideas they follow by e-mail at once.
    db.insert(notificationPreferences).values({ userId: supporter.id, group: "followed_ideas", email: "instant", updatedAt: new Date() }).run();
  });
  await signInAs(page, "council");
  await page.goto(`/projects/${idea.id}`);
  await expectAxeClean(page);
  await page.getByLabel("What was done (Markdown)").fill("Works have **started**.");
  await page.getByLabel("Progress (%)").fill("30");
  await page.getByRole("button", { name: "Post the update" }).click();
  await expect(page.getByText("Works have started.")).toBeVisible();
  await expect(page.getByText("30% done").first()).toBeVisible();
  await page.getByLabel("What was done (Markdown)").fill("The footbridge is open.");
  await page.getByLabel("Progress (%)").fill("100");
  await page.getByLabel(/Photos/).setInputFiles({ name: "open.jpg", mimeType: "image/jpeg", buffer: await makeJpeg() });
  await page.getByLabel(/The work is finished/).check();
  await page.getByRole("button", { name: "Post the update" }).click();
  await expect(page.getByText("The footbridge is open.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Photo of the work" })).toBeVisible();

  // The completion reached Sam by e-mail too, with the city's closing note.
  const mail = await lastMailTo(supporter.email, { containing: "The footbridge is open." });
  expect(mail.subject).toContain(`Footbridge ${word}`);
  const sam = await (await newContext(browser)).newPage();
  await signInAs(sam, { email: supporter.email, password: DEFAULT_TEST_PASSWORD });
  await sam.goto("/notifications");
  await expect(sam.getByRole("link", { name: new RegExp(`Footbridge ${word}`) }).first()).toBeVisible();
  for (const path of ["/projects?status=completed", "/", "/announcements"]) {
    await sam.goto(path);
    await expectAxeClean(sam);
  }
  await expect(async () => {
    await sam.goto("/projects?status=completed");
    await expect(sam.getByRole("link", { name: `Footbridge ${word}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
});

test.describe("in French", () => {
  test.use({ locale: "fr-FR" });
  test("the tracker, a project, the announcements and the home page are accessible", async ({ page }) => {
    const idea = seedIdea({ title: `Passerelle ${uniqueWord("pjfr")}`, status: "accepted" });
    for (const path of ["/projects", `/projects/${idea.id}`, "/announcements", "/"]) {
      await page.goto(path);
      await expectAxeClean(page);
    }
    await expect(page.getByRole("link", { name: "Projets" }).first()).toBeVisible();
  });
});

test("a resident downloads their data, which nobody else can, and deletes their account without JavaScript", async ({ browser, baseURL }) => {
  allowRefusals();
  const word = uniqueWord("dr");
  const person = await seedUser({ displayName: `Dana ${word}` });
  const idea = withE2eDb((db) => createIdeaRow(db, person.id, { title: `Benches by the river ${word}` }));
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, { email: person.email, password: DEFAULT_TEST_PASSWORD });
  await page.goto("/account/data");
  await page.getByRole("button", { name: "Prepare my data" }).click();
  const link = await page.getByRole("link", { name: "Download my data" }).getAttribute("href");
  expect(link).toMatch(/^\/account\/data\/[A-Za-z0-9_-]+$/);
  const owner = await apiAs(playwright, baseURL!, { email: person.email, password: DEFAULT_TEST_PASSWORD });
  const file = await owner.get(link!);
  expect(file.status()).toBe(200);
  expect(file.headers()["cache-control"]).toContain("no-store");
  expect((await file.json()).profile).toMatchObject({ email: person.email, displayName: `Dana ${word}` });
  const stranger = await apiAs(playwright, baseURL!, "resident");
  expect((await stranger.get(link!)).status()).toBe(404);
  const visitor = await apiAs(playwright, baseURL!, null);
  expect((await visitor.get(link!, { maxRedirects: 0 })).status()).toBe(302);

  await page.goto("/account/delete");
  await page.getByLabel("Your password").fill("not my password");
  await page.getByLabel(/Yes, delete my account/).check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("This is not your current password.")).toBeVisible();
  await page.getByLabel("Your password").fill(DEFAULT_TEST_PASSWORD);
  await page.getByLabel(/Yes, delete my account/).check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
  // Every session ended, the old address opens nothing.
  expect((await owner.get("/account", { maxRedirects: 0 })).status()).toBe(302);
  const again = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  expect((await again.post("/login", { form: { email: person.email, password: DEFAULT_TEST_PASSWORD }, maxRedirects: 0 })).status()).not.toBe(302);
  for (const c of [owner, stranger, visitor, again]) await c.dispose();
  await context.close();
  // The idea stays, under the anonymous name, in the reader's language; the person's name is gone.
  for (const [locale, name] of [["en-GB", "Deleted resident"], ["fr-FR", "Résident supprimé"]]) {
    const reader = await newContext(browser, { locale });
    const ideaPage = await reader.newPage();
    await ideaPage.goto(`/ideas/${idea.id}`);
    await expect(ideaPage.getByRole("heading", { name: `Benches by the river ${word}` })).toBeVisible();
    await expect(ideaPage.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(ideaPage.getByText(`Dana ${word}`)).toHaveCount(0);
    await reader.close();
  }
});
