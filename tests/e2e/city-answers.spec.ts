import * as playwright from "@playwright/test";
import { createDepartment } from "../factories/places";
import { takeUpIdea } from "~/modules/ideas/status.server";
import { saveTemplate } from "~/modules/responses/templates.server";
import { XSS_CORPUS, assertInertHtml } from "~/modules/markdown/xss-corpus";
import { hasControlCharacters } from "~/utils/validation";
import { accountActor, seedIdea, uniqueWord, withE2eDb } from "./data";
import { allowRefusals, apiAs, expect, expectAxeClean, loaderData, newContext, newResident, signInAs, test } from "./helpers";
import { eq } from "drizzle-orm";
import { ideas } from "#db/schema";

/** An idea by a new resident, in a department of its own, taken up into the staff queue. `scripted`: the page runs JavaScript. */
async function queuedIdea(browser: playwright.Browser, word: string, scripted = true) {
  const author = await newResident(browser, "Ada Author");
  const department = withE2eDb((db) => createDepartment(db, { slug: `dept-${word}`, nameEn: `Gardens unit ${word}`, nameFr: `Service des jardins ${word}` }));
  // Posted through the form, as a resident does.
  const title = `Rain garden on ${word} street`;
  await author.page.goto("/ideas/new");
  // With JavaScript, the similar ideas (an earlier test's rain garden) and the preview appear above
  // the submit button a moment after typing: wait for both, so the click lands on the button.
  const searched = scripted ? author.page.waitForResponse((r) => r.url().includes("/ideas/similar")) : null;
  await author.page.locator("input[name=title]").fill(title);
  await searched;
  const previewed = scripted ? author.page.waitForResponse((r) => r.url().includes("/markdown/preview")) : null;
  await author.page.locator("textarea[name=body]").fill("Let the rain soak in instead of flooding the cellars.");
  await previewed;
  await author.page.locator("main form button[type=submit]").last().click();
  await expect(author.page.getByRole("heading", { level: 1 })).toHaveText(title);
  const idea = { id: Number(new URL(author.page.url()).pathname.split("/").pop()), title };
  withE2eDb((db) => {
    db.update(ideas).set({ departmentId: department.id }).where(eq(ideas.id, idea.id)).run();
    const taken = takeUpIdea(db, accountActor("council"), idea.id);
    if (!taken.ok) throw new Error(taken.code);
  });
  return { author, department, idea };
}

test("a council member answers from the queue with a template; the author and a visitor see the official response and the timeline", async ({ page, browser }) => {
  test.slow();
  const word = uniqueWord("raingarden");
  const { author, department, idea } = await queuedIdea(browser, word);
  withE2eDb((db) => {
    const saved = saveTemplate(db, accountActor("admin"), { status: "under_review", locale: "en", title: `Studying it ${word}`, body: "Thank you. Our teams are studying this idea." });
    if (!saved.ok) throw new Error(saved.code);
  });

  await signInAs(page, "council");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "City staff", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Response queue" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel("Department").selectOption({ label: department.nameEn });
  await page.getByRole("button", { name: "Show ideas" }).click();
  const row = page.getByRole("row", { name: new RegExp(word) });
  await expect(row).toContainText("days left");
  await row.getByRole("link", { name: idea.title }).click();
  await expect(page.getByRole("heading", { name: "Answer for the city" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel("Start from a template").selectOption({ label: `Under review: Studying it ${word}` });
  await page.getByRole("button", { name: "Use it" }).click();
  const response = page.getByLabel("Response (public, Markdown)");
  await expect(response).toHaveValue("Thank you. Our teams are studying this idea.");
  await expect(page.getByLabel("New status")).toHaveValue("under_review");
  await response.fill("Thank you. Our teams are studying this idea: **soil tests** first.");
  await page.getByRole("button", { name: "Publish the response" }).click();
  await expect(page.getByRole("heading", { level: 1, name: idea.title })).toBeVisible();
  const answer = page.getByRole("region", { name: "The city's answer" });
  await expect(answer).toContainText("Official response by Charlie Council");
  await expect(answer.locator("strong")).toHaveText("soil tests");

  // The author sees it, and why the idea can no longer be edited.
  await author.page.goto(`/ideas/${idea.id}`);
  await expect(author.page.getByRole("region", { name: "The city's answer" })).toContainText("soil tests");
  await expect(author.page.getByText("The city has answered this idea, so it can no longer be edited")).toBeVisible();
  await expect(author.page.getByRole("region", { name: "Timeline" })).toContainText("Status changed from “Published” to “Under review”");
  await expectAxeClean(author.page);
  await author.context.close();

  // A visitor without JavaScript sees the same.
  const visitor = await newContext(browser, { javaScriptEnabled: false });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/ideas/${idea.id}`);
  await expect(visitorPage.getByRole("region", { name: "The city's answer" })).toContainText("soil tests");
  await expect(visitorPage.getByRole("region", { name: "Timeline" })).toContainText("Posted by Ada Author");
  // ...and the record counts the answer.
  await visitorPage.goto("/responses");
  await expect(visitorPage.getByRole("heading", { name: "The city's response record" })).toBeVisible();
  await expect(visitorPage.getByRole("row", { name: new RegExp(`Gardens unit ${word}`) })).toBeVisible();
  await visitor.close();
  // (axe needs JavaScript in the page; the record's accessibility is checked with it on.)
  await page.goto("/responses");
  await expectAxeClean(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a council member declines with a reason, after being told a reason is needed", async ({ page, browser }) => {
    allowRefusals();
    const word = uniqueWord("decline");
    const { author, idea } = await queuedIdea(browser, word, false);
    await author.context.close();
    await signInAs(page, "council");
    await page.goto(`/ideas/${idea.id}/respond`);
    await page.getByLabel("New status").selectOption("under_review");
    await page.getByRole("button", { name: "Publish the response" }).click();
    await page.goto(`/ideas/${idea.id}/respond`);
    await page.getByLabel("New status").selectOption("declined");
    await page.getByRole("button", { name: "Publish the response" }).click();
    await expect(page.getByText("A decline needs a public reason")).toBeVisible();
    await page.getByLabel("Response (public, Markdown)").fill("The street is too steep for a rain garden.");
    await page.getByRole("button", { name: "Publish the response" }).click();
    await expect(page.getByRole("region", { name: "The city's answer" })).toContainText("too steep");
    await expect(page.locator(".status").first()).toHaveText("Declined");
  });
});

test.describe("in French", () => {
  test.use({ locale: "fr-FR" });

  test("the staff pages, the record and an answered idea are accessible", async ({ page, browser }) => {
    const { author, idea } = await queuedIdea(browser, uniqueWord("fr"));
    await author.context.close();
    await signInAs(page, "council");
    await page.goto("/staff?department=all");
    await expect(page.getByRole("heading", { name: "File des réponses" })).toBeVisible();
    await expectAxeClean(page);
    await page.goto(`/ideas/${idea.id}/respond`);
    await expect(page.getByRole("heading", { name: "Répondre au nom de la ville" })).toBeVisible();
    await expectAxeClean(page);
    await page.goto("/responses");
    await expect(page.getByRole("heading", { name: "Le bilan des réponses de la ville" })).toBeVisible();
    await expectAxeClean(page);
    await page.goto(`/ideas/${idea.id}/merge`);
    await expect(page.getByRole("heading", { name: "Fusionner un doublon" })).toBeVisible();
    await expectAxeClean(page);
  });
});

test("admins manage departments, routing rules and templates; the pages are accessible", async ({ page }) => {
  const word = uniqueWord("dept");
  await signInAs(page, "admin");
  await page.goto("/admin/departments");
  await expectAxeClean(page);
  await page.getByLabel("Name in English").fill(`Lighting ${word}`);
  await page.getByLabel("Name in French").fill(`Éclairage ${word}`);
  await page.getByRole("button", { name: "Add a department" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `Lighting ${word}` })).toBeVisible();
  await page.goto("/admin/templates");
  await expectAxeClean(page);
  await page.getByLabel("Name").fill(`Done ${word}`);
  await page.getByLabel("Status").selectOption("completed");
  await page.getByLabel("Text (Markdown)").fill("The work is done.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: new RegExp(`Done ${word}`) })).toBeVisible();
});

test("staff forms ignore or refuse forged fields: no one sets funded, nor an author or a department by an extra field (baseline 10)", async ({ baseURL, browser }) => {
  const { author, idea } = await queuedIdea(browser, uniqueWord("forged"));
  await author.context.close();
  const council = await apiAs(playwright, baseURL!, "council");
  const forged = await council.post(`/ideas/${idea.id}/respond`, { form: { intent: "respond", status: "funded", body: "Funded!", authorId: "x", departmentId: "1", firstResponseAt: "2020-01-01" }, maxRedirects: 0 });
  expect(forged.status()).toBe(400);
  const moderator = await apiAs(playwright, baseURL!, "moderator");
  expect((await moderator.post(`/ideas/${idea.id}/respond`, { form: { intent: "respond", body: "Official?" }, maxRedirects: 0 })).status()).toBe(403);
  const data = await loaderData<{ idea: { status: string; firstResponseAt: string | null }; timeline: unknown[] }>(council, `/ideas/${idea.id}`, "routes/ideas.$ideaId");
  expect(data.idea).toMatchObject({ status: "published", firstResponseAt: null });
});

test("the XSS corpus stays inert in responses, templates and department names, on the idea page, the queue and the record (baseline 15)", async ({ page, browser }) => {
  test.slow();
  const word = uniqueWord("xss");
  const payloads = XSS_CORPUS.filter((p) => !hasControlCharacters(p, { multiline: true })).slice(0, 20);
  const author = await newResident(browser, "Xavier Author");
  await author.context.close();
  const department = withE2eDb((db) => createDepartment(db, { slug: `x-${word}`, nameEn: `${payloads[0]} ${word}`.slice(0, 80), nameFr: payloads[1].slice(0, 80) }));
  const idea = seedIdea({ title: `${word} ${payloads[2]}`.slice(0, 120), body: "x" });
  withE2eDb((db) => {
    db.update(ideas).set({ departmentId: department.id }).where(eq(ideas.id, idea.id)).run();
    takeUpIdea(db, accountActor("council"), idea.id);
    saveTemplate(db, accountActor("admin"), { status: "accepted", locale: "en", title: payloads[3].slice(0, 120), body: payloads.join("\n\n") });
  });
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs(page, "council");
  await page.goto(`/ideas/${idea.id}/respond`);
  await page.getByLabel("Response (public, Markdown)").fill(payloads.join("\n\n"));
  await page.getByRole("button", { name: "Publish the response" }).click();
  await expect(page.getByRole("region", { name: "The city's answer" })).toBeVisible();
  for (const html of await page.locator(".official-response .prose").evaluateAll((els) => els.map((e) => e.innerHTML))) expect(assertInertHtml(html)).toEqual([]);
  const admin = await (await newContext(browser)).newPage();
  admin.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs(admin, "admin");
  for (const [viewer, path] of [[page, `/ideas/${idea.id}`], [page, "/staff?department=all"], [page, "/responses"], [page, `/ideas/${idea.id}/respond`], [admin, "/admin/departments"], [admin, "/admin/templates"]] as const) {
    await viewer.goto(path);
    expect(await viewer.locator("main script, main iframe, main svg, main object, main embed, main [onerror], main [onload]").count(), path).toBe(0);
  }
  expect(dialogs).toEqual([]);
});

test("a moderator merges a duplicate, its supporter counts on the original, and the merge can be undone", async ({ page, browser }) => {
  const word = uniqueWord("dup");
  const original = seedIdea({ title: `Bike racks at ${word} school`, body: "Twenty racks." });
  const duplicate = seedIdea({ title: `More bike parking at ${word} school`, body: "Same thing." });
  const supporter = await newResident(browser, "Sam Supporter");
  await supporter.page.goto(`/ideas/${duplicate.id}`);
  await supporter.page.getByRole("button", { name: "Support", exact: true }).click();
  await expect(supporter.page.getByText("1 for · 0 against")).toBeVisible();

  await signInAs(page, "moderator");
  await page.goto(`/ideas/${duplicate.id}`);
  await page.getByRole("link", { name: "Mark as a duplicate and merge" }).click();
  await expectAxeClean(page);
  await page.getByLabel("Number of the original idea").fill(`#${original.id}`);
  await page.getByLabel("Note (public, on both timelines)").fill("Same school, same racks.");
  await page.getByRole("button", { name: "Merge into the original" }).click();
  await expect(page.getByText("This idea was merged into another")).toBeVisible();
  await page.getByRole("link", { name: original.title }).first().click();
  await expect(page.getByText("1 for · 0 against")).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("A duplicate was merged into this idea");

  await supporter.page.goto(`/ideas/${original.id}`);
  await expect(supporter.page.getByRole("button", { name: "Withdraw my support" })).toBeVisible();

  await page.goto(`/ideas/${duplicate.id}/merge`);
  await page.getByRole("button", { name: "Undo the merge" }).click();
  await expect(page.getByText("1 for · 0 against")).toBeVisible();
  await expect(page.getByText("This idea was merged into another")).toHaveCount(0);
  await supporter.context.close();
});
