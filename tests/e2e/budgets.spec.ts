import { createHash } from "node:crypto";
import * as playwright from "@playwright/test";
import { and, eq, isNull } from "drizzle-orm";
import { ballots, ballotVoters } from "#db/schema";
import { createBallotProject, createBudgetCycle } from "../factories/budgets";
import { countFile } from "~/modules/budgets/count-core";
import { countCycle } from "~/modules/budgets/count.server";
import { createDistrict } from "../factories/places";
import { DEFAULT_TEST_PASSWORD } from "../factories/users";
import { seedUser, uniqueWord, withE2eDb } from "./data";
import { allowRefusals, apiAs, expect, expectAxeClean, lastMailTo, loaderData, newContext, signInAs, test } from "./helpers";

const MONTH_AGO = () => new Date(Date.now() - 30 * 86_400_000);

/**
 * A cycle in its voting phase with one envelope for a district of its own (nobody else's banner
 * changes), four projects and a voter who lives there.
 */
async function votingCycle(options: { method?: "tokens" | "knapsack"; maxTokensPerProject?: number; secondAdminPublishes?: boolean } = {}) {
  const word = uniqueWord("pb");
  const setup = withE2eDb((db) => {
    const district = createDistrict(db, { slug: word, nameEn: `Quarter ${word}`, nameFr: `Quartier ${word}` });
    const { cycle, envelopes } = createBudgetCycle(db, [{ districtId: district.id, amount: 100_000 }], { name: `Budget ${word}`, slug: word, tokens: 10, maxTokensPerProject: options.maxTokensPerProject ?? 5, method: options.method ?? "tokens", secondAdminPublishes: options.secondAdminPublishes });
    return { district, cycle, envelope: envelopes[0] };
  });
  const author = await seedUser({ createdAt: MONTH_AGO() });
  const projects = withE2eDb((db) =>
    [
      ["Shade trees on the square", 40_000],
      ["A library corner", 25_000],
      ["Night buses", 60_000],
      ["A skate park", 30_000],
    ].map(([title, cost]) => createBallotProject(db, setup.cycle.id, setup.envelope.id, author.id, { cost: cost as number, title: `${title} ${word}`, districtId: setup.district.id })),
  );
  const voter = await seedUser({ createdAt: MONTH_AGO(), homeDistrictId: setup.district.id, displayName: `Voter ${word}` });
  return { ...setup, word, projects, voter: { email: voter.email, password: DEFAULT_TEST_PASSWORD, id: voter.id } };
}

const currentBallots = (envelopeId: number) => withE2eDb((db) => db.select().from(ballots).where(and(eq(ballots.envelopeId, envelopeId), isNull(ballots.supersededAt))).all());

test("a resident votes with JavaScript: totals move, a choice over the limit is refused at once, the confirmed ballot is recorded with a receipt", async ({ page }) => {
  test.slow();
  const { cycle, envelope, voter, word } = await votingCycle();
  await signInAs(page, voter);
  // Every page says the vote is not in (the server keeps the list of open votes a few seconds).
  const banner = page.locator(".banner-vote");
  await expect(async () => {
    await page.goto("/ideas");
    await expect(banner).toContainText("You have not voted yet", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await banner.getByRole("link", { name: "Vote now" }).click();
  await expect(page.getByRole("heading", { name: `Your vote in ${cycle.name}` })).toBeVisible();
  await page.locator("main").getByRole("link", { name: "Vote", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Your ballot: Quarter ${word}` })).toBeVisible();
  await expectAxeClean(page);

  const more = (title: string) => page.getByRole("button", { name: `One token more for ${title} ${word}` });
  for (let i = 0; i < 5; i++) await more("Shade trees on the square").click();
  await expect(page.getByLabel(`Tokens for Shade trees on the square ${word}`)).toHaveValue("5");
  await expect(page.locator(".ballot-summary").first()).toContainText("5 of 10 tokens left");
  await more("Shade trees on the square").click();
  await expect(page.getByRole("alert").first()).toContainText("At most 5 tokens on one project.");
  await expect(page.getByLabel(`Tokens for Shade trees on the square ${word}`)).toHaveValue("5");
  await page.getByLabel(`Tokens for Night buses ${word}`).fill("5");
  await page.getByLabel(`Tokens for A skate park ${word}`).fill("1");
  await expect(page.getByRole("alert").first()).toContainText("That would use 11 tokens: you have 10.");
  await expect(page.getByLabel(`Tokens for A skate park ${word}`)).toHaveValue("");

  await page.getByRole("button", { name: "Review and submit my ballot" }).first().click();
  await expect(page.getByRole("heading", { name: `Submit your ballot: Quarter ${word}` })).toBeVisible();
  await expect(page.getByText("It is not recorded yet")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Night buses ${word}`) })).toContainText("5");
  await expectAxeClean(page);
  await page.getByRole("button", { name: "Submit my ballot" }).click();
  await expect(page.getByText("Your ballot is recorded. It counts.")).toBeVisible();
  const receipt = (await page.locator(".receipt code").textContent())!;
  expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAxeClean(page);
  await expect(banner).toHaveCount(0);
  expect(currentBallots(envelope.id).map((b) => b.receiptCode)).toEqual([receipt]);

  // The receipt by e-mail: its code and time, never what was chosen.
  const mail = await lastMailTo(voter.email, { containing: receipt });
  expect(mail.subject).toBe("Your ballot is recorded");
  expect(mail.text).not.toContain("Night buses");
  expect(mail.text).not.toContain("Shade trees");
});

test("without JavaScript: the server computes the totals, refuses over the limit next to the field keeping what was typed, and a change never un-submits the ballot", async ({ browser }) => {
  test.slow();
  allowRefusals();
  const { cycle, envelope, voter, projects, word } = await votingCycle({ maxTokensPerProject: 6 });
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, voter);
  await page.goto(`/budgets/${cycle.slug}/vote/${envelope.id}`);
  await page.getByLabel(`Tokens for Shade trees on the square ${word}`).fill("6");
  await page.getByLabel(`Tokens for Night buses ${word}`).fill("5");
  await page.getByRole("button", { name: "Save my choices and update the totals" }).first().click();
  await expect(page.getByText("That would use 11 tokens: you have 10. Take tokens from another project first.").first()).toBeVisible();
  await expect(page.getByLabel(`Tokens for Night buses ${word}`)).toHaveValue("5");
  await page.getByLabel(`Tokens for Night buses ${word}`).fill("4");
  await page.getByRole("button", { name: "Save my choices and update the totals" }).first().click();
  await expect(page.getByText("Your choices are saved as a draft.")).toBeVisible();
  await expect(page.locator(".ballot-summary").first()).toContainText("0 of 10 tokens left");
  await page.getByRole("button", { name: "Review and submit my ballot" }).first().click();
  await page.getByRole("button", { name: "Submit my ballot" }).click();
  await expect(page.getByText("Your ballot is recorded. It counts.")).toBeVisible();
  const first = (await page.locator(".receipt code").textContent())!;

  // A change in progress: the recorded ballot still counts, and every page says so.
  await page.goto(`/budgets/${cycle.slug}/vote/${envelope.id}`);
  await expect(page.getByText(`Your ballot is recorded and counts (receipt ${first})`)).toBeVisible();
  await page.getByLabel(`Tokens for Shade trees on the square ${word}`).fill("1");
  await page.getByRole("button", { name: "Save my choices and update the totals" }).first().click();
  await expect(page.getByText("You have unsubmitted changes. Your recorded ballot still counts").first()).toBeVisible();
  expect(currentBallots(envelope.id).map((b) => b.receiptCode)).toEqual([first]);
  await page.goto(`/budgets/${cycle.slug}/ballot`);
  await expect(page.locator(".receipt code")).toHaveText(first);
  await expect(page.getByRole("row", { name: new RegExp(`Shade trees on the square ${word}`) })).toContainText("6");
  await page.goto(`/budgets/${cycle.slug}/vote/${envelope.id}/confirm`);
  await expect(page.getByText(`It will replace your recorded ballot (receipt ${first})`)).toBeVisible();
  await page.getByRole("button", { name: "Submit my ballot" }).click();
  await expect(page.getByText("Your ballot is recorded. It counts.")).toBeVisible();
  const second = (await page.locator(".receipt code").textContent())!;
  expect(second).not.toBe(first);
  expect(currentBallots(envelope.id).map((b) => b.receiptCode)).toEqual([second]);
  expect(projects).toHaveLength(4);
  await context.close();
});

test("forged and replayed ballots: 50 parallel confirmations give one ballot and no 500; forged tokens are refused with the field named (baseline 24, 26)", async ({ baseURL }) => {
  allowRefusals();
  const { cycle, envelope, voter, projects } = await votingCycle();
  const client = await apiAs(playwright, baseURL!, voter);
  const ballotUrl = `/budgets/${cycle.slug}/vote/${envelope.id}`;
  for (const bad of ["-5", "2.5", '"3"', "1e309", "abc"]) {
    const response = await client.post(ballotUrl, { form: { [`tokens-${projects[0].id}`]: bad, intent: "update" }, maxRedirects: 0 });
    expect(response.status(), bad).toBe(400);
    expect(await response.text()).toContain("Give a whole number of tokens");
  }
  const twice = await client.fetch(ballotUrl, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: `tokens-${projects[0].id}=2&tokens-${projects[0].id}=3&intent=update`, maxRedirects: 0 });
  expect(twice.status()).toBe(400);
  const other = withE2eDb((db) => createBudgetCycle(db, [{ districtId: null, amount: 10 }], { now: "collecting" }));
  expect(other.envelopes).toHaveLength(1);
  expect((await client.post(ballotUrl, { form: { "tokens-999999": "1", intent: "update" }, maxRedirects: 0 })).status()).toBe(400);
  expect(withE2eDb((db) => db.select().from(ballots).where(eq(ballots.envelopeId, envelope.id)).all())).toEqual([]);

  expect((await client.post(ballotUrl, { form: { [`tokens-${projects[0].id}`]: "4", intent: "review" }, maxRedirects: 0 })).status()).toBe(303);
  const confirm = await (await client.get(`${ballotUrl}/confirm`)).text();
  const token = /name="token" value="([^"]+)"/.exec(confirm)![1];
  const answers = await Promise.all(Array.from({ length: 50 }, () => client.post(`${ballotUrl}/confirm`, { form: { token }, maxRedirects: 0 })));
  expect(answers.map((a) => a.status()).filter((s) => s >= 500)).toEqual([]);
  expect(new Set(answers.map((a) => a.status()))).toEqual(new Set([303]));
  expect(currentBallots(envelope.id)).toHaveLength(1);
  expect(withE2eDb((db) => db.select().from(ballots).where(eq(ballots.envelopeId, envelope.id)).all())).toHaveLength(1);
  expect(withE2eDb((db) => db.select().from(ballotVoters).where(eq(ballotVoters.envelopeId, envelope.id)).all())).toHaveLength(1);
  await client.dispose();
});

test("while voting is open nobody sees a project's count: pages and their data show only the ballots cast", async ({ baseURL, page }) => {
  const { cycle, envelope, voter, projects } = await votingCycle();
  const client = await apiAs(playwright, baseURL!, voter);
  const ballotUrl = `/budgets/${cycle.slug}/vote/${envelope.id}`;
  await client.post(ballotUrl, { form: { [`tokens-${projects[2].id}`]: "5", [`tokens-${projects[1].id}`]: "3", intent: "review" }, maxRedirects: 0 });
  const token = /name="token" value="([^"]+)"/.exec(await (await client.get(`${ballotUrl}/confirm`)).text())![1];
  expect((await client.post(`${ballotUrl}/confirm`, { form: { token }, maxRedirects: 0 })).status()).toBe(303);
  for (const who of [null, "admin", "council"] as const) {
    const reader = await apiAs(playwright, baseURL!, who);
    const data = await loaderData<{ cycle: { envelopes: { ballots: number }[] }; projects: Record<string, unknown>[] }>(reader, `/budgets/${cycle.slug}`, "routes/budgets.$slug");
    expect(data.cycle.envelopes[0].ballots).toBe(1);
    for (const p of data.projects) expect(Object.keys(p).sort()).toEqual(["cost", "envelopeId", "feasibility", "id", "ideaId", "photo", "reviewNoteHtml", "title"]);
    await reader.dispose();
  }
  await page.goto(`/budgets/${cycle.slug}`);
  await expect(page.getByText("1 ballot cast")).toBeVisible();
  await expectAxeClean(page);
  await client.dispose();
});

test("an admin sets up a cycle: a date out of order is refused beside its field with what was typed kept; French pages are axe-clean", async ({ page, browser }) => {
  allowRefusals();
  const word = uniqueWord("cy");
  await signInAs(page, "admin");
  await page.goto("/admin/budgets/new");
  await expectAxeClean(page);
  await page.getByLabel("Name").fill(`Budget ${word}`);
  await page.getByLabel("Web address").fill(word);
  await page.getByLabel("Collecting ideas opens").fill("2030-01-10T09:00");
  await page.getByLabel("Review opens").fill("2030-02-10T09:00");
  await page.getByLabel("Voting opens").fill("2030-01-20T09:00");
  await page.getByLabel("Voting closes").fill("2030-04-10T20:00");
  await page.getByLabel("Residency cutoff").fill("2030-02-01T00:00");
  await page.getByLabel("Amount: The whole city").fill("250 000");
  await page.getByRole("button", { name: "Create the cycle" }).click();
  await expect(page.getByText("Each phase must start after the one before it.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(`Budget ${word}`);
  await page.getByLabel("Voting opens").fill("2030-03-01T09:00");
  await page.getByRole("button", { name: "Create the cycle" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByLabel("Amount: The whole city")).toHaveValue("250000");
  await expectAxeClean(page);

  const { cycle } = await votingCycle();
  const french = await newContext(browser, { locale: "fr-FR" });
  const fr = await french.newPage();
  await fr.goto("/budgets");
  await expect(fr.getByRole("heading", { name: "Budget participatif" })).toBeVisible();
  await expectAxeClean(fr);
  await fr.goto(`/budgets/${cycle.slug}`);
  await expect(fr.getByText("Vote ouvert").first()).toBeVisible();
  await expectAxeClean(fr);
  await french.close();
});

test("council staff enter a paper ballot twice before it counts; the page is axe-clean", async ({ page, browser }) => {
  const { cycle, envelope, word } = await votingCycle();
  await signInAs(page, "council");
  await page.goto(`/budgets/${cycle.slug}/paper?envelope=${envelope.id}`);
  await expectAxeClean(page);
  const enter = async (p: typeof page) => {
    await p.getByLabel("Batch", { exact: true }).fill("B7");
    await p.getByLabel("Number in the batch").fill("12");
    await p.getByLabel(`Tokens for Night buses ${word}`).fill("4");
    await p.getByRole("button", { name: "Save this entry" }).click();
  };
  await enter(page);
  await expect(page.getByText("Paper B7-12 entered. It counts once a second staff member has typed it too.")).toBeVisible();
  const admin = await (await newContext(browser)).newPage();
  await signInAs(admin, "admin");
  await admin.goto(`/budgets/${cycle.slug}/paper?envelope=${envelope.id}`);
  await enter(admin);
  await expect(admin.getByText("Paper B7-12 counted: both entries agree.")).toBeVisible();
  await expect(admin.getByText("Counted: 1.")).toBeVisible();
  expect(withE2eDb((db) => db.select().from(ballots).where(and(eq(ballots.envelopeId, envelope.id), eq(ballots.source, "paper"))).all())).toHaveLength(1);
});

test("an admin closes voting early, counts and publishes without JavaScript; a visitor reads the results, downloads the ballots and their digest, and recounts them", async ({ browser, baseURL }) => {
  test.slow();
  const { cycle, envelope, voter, projects, word } = await votingCycle();
  const client = await apiAs(playwright, baseURL!, voter);
  const ballotUrl = `/budgets/${cycle.slug}/vote/${envelope.id}`;
  await client.post(ballotUrl, { form: { [`tokens-${projects[1].id}`]: "5", [`tokens-${projects[3].id}`]: "5", intent: "review" }, maxRedirects: 0 });
  const token = /name="token" value="([^"]+)"/.exec(await (await client.get(`${ballotUrl}/confirm`)).text())![1];
  expect((await client.post(`${ballotUrl}/confirm`, { form: { token }, maxRedirects: 0 })).status()).toBe(303);

  const context = await newContext(browser, { javaScriptEnabled: false });
  const admin = await context.newPage();
  await signInAs(admin, "admin");
  await admin.goto(`/admin/budgets/${cycle.id}`);
  await admin.getByLabel("Yes, close voting now").check();
  await admin.getByRole("button", { name: "Close voting" }).click();
  await expect(admin.getByText("Voting is closed.").first()).toBeVisible();
  await admin.getByRole("button", { name: "Count the ballots" }).click();
  await expect(async () => {
    await admin.goto(`/admin/budgets/${cycle.id}`);
    await expect(admin.getByText(/^Counted /)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await admin.getByLabel(/Yes, publish/).check();
  await admin.getByRole("button", { name: "Publish the results" }).click();
  await expect(admin.getByText("The results are published.")).toBeVisible();
  await context.close();

  for (const locale of ["en-GB", "fr-FR"]) {
    const visitorContext = await newContext(browser, { locale });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/budgets/${cycle.slug}/results`);
    await expect(visitor.getByRole("row", { name: new RegExp(`A library corner ${word}`) })).toContainText(locale === "en-GB" ? "Funded" : "Financé");
    await expectAxeClean(visitor);
    await visitorContext.close();
  }
  const anonymous = await apiAs(playwright, baseURL!, null);
  const file = await anonymous.get(`/budgets/${cycle.slug}/envelopes/${envelope.id}/ballots.pb`);
  expect(file.status()).toBe(200);
  const pb = await file.text();
  expect(pb).not.toContain(voter.id);
  expect(pb).not.toContain(voter.email);
  const digest = (await (await anonymous.get(`/budgets/${cycle.slug}/envelopes/${envelope.id}/ballots.pb.sha256`)).text()).split(" ")[0];
  expect(digest).toBe(createHash("sha256").update(pb).digest("hex"));
  const json = await (await anonymous.get(`/budgets/${cycle.slug}/results.json`)).json();
  expect(json.envelopes[0]).toMatchObject({ sha256: digest, voters: 1 });
  expect(countFile(pb).selected).toEqual(json.envelopes[0].selected);
  await anonymous.dispose();
  await client.dispose();
});

test("where the cycle wants four eyes, one admin asks to publish (without JavaScript) and another confirms", async ({ browser, baseURL }) => {
  test.slow();
  allowRefusals();
  const { cycle, envelope, voter, projects, word } = await votingCycle({ secondAdminPublishes: true });
  const client = await apiAs(playwright, baseURL!, voter);
  const ballotUrl = `/budgets/${cycle.slug}/vote/${envelope.id}`;
  await client.post(ballotUrl, { form: { [`tokens-${projects[1].id}`]: "5", intent: "review" }, maxRedirects: 0 });
  const token = /name="token" value="([^"]+)"/.exec(await (await client.get(`${ballotUrl}/confirm`)).text())![1];
  expect((await client.post(`${ballotUrl}/confirm`, { form: { token }, maxRedirects: 0 })).status()).toBe(303);
  await client.dispose();
  const counted = await withE2eDb(async (db) => {
    db.$client.prepare("update budget_cycles set voting_ends_at = ? where id = ?").run(Math.floor(Date.now() / 1000) - 60, cycle.id);
    return countCycle(db, "command-line", cycle.id);
  });
  expect(counted.ok).toBe(true);

  const first = await newContext(browser, { javaScriptEnabled: false });
  const asking = await first.newPage();
  await signInAs(asking, "admin");
  await asking.goto(`/admin/budgets/${cycle.id}`);
  await asking.getByRole("button", { name: "Ask for publication" }).click();
  await expect(asking.getByText("Tick the box to confirm the publication.")).toBeVisible();
  await asking.getByLabel(/Yes, ask another administrator/).check();
  await asking.getByRole("button", { name: "Ask for publication" }).click();
  await expect(asking.getByText("Asked. Another administrator must now confirm the publication.")).toBeVisible();
  await expect(asking.getByText(/You asked for publication/)).toBeVisible();
  await expect(asking.getByRole("button", { name: /publish/i })).toHaveCount(0);
  await first.close();
  const visitor = await apiAs(playwright, baseURL!, null);
  expect(await (await visitor.get(`/budgets/${cycle.slug}/results`)).text()).not.toContain(`A library corner ${word}`);

  const other = await seedUser({ role: "admin", displayName: `Second admin ${word}` });
  const second = await newContext(browser);
  const confirming = await second.newPage();
  await signInAs(confirming, { email: other.email, password: DEFAULT_TEST_PASSWORD });
  await confirming.goto(`/admin/budgets/${cycle.id}`);
  await expect(confirming.getByText(/Alex Admin asked for publication/)).toBeVisible();
  await expectAxeClean(confirming);
  await confirming.getByLabel(/Yes, publish as the second administrator/).check();
  await confirming.getByRole("button", { name: "Confirm and publish" }).click();
  await expect(confirming.getByText("The results are published.")).toBeVisible();
  await second.close();
  expect(await (await visitor.get(`/budgets/${cycle.slug}/results`)).text()).toContain(`A library corner ${word}`);
  await visitor.dispose();
});
