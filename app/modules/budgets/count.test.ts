import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { ballotChoices, ballots, budgetResults, ideas, notifications, users } from "#db/schema";
import { createBallotProject, createBudgetCycle } from "#tests/factories/budgets";
import { createUser } from "#tests/factories/users";
import { REPO_ROOT, TMP_DIR } from "#tests/helpers/paths";
import { parsePb, tallyElection } from "~/modules/tally";
import { saveBallotDraft, submitBallot } from "./commands.server";
import { countFile } from "./count-core";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { countCycle, getCountState, getResultsPage, listResults } from "./count.server";
import type { VotingMethod, WinnerRule } from "./kinds";
import { publishResults } from "./publish.server";
import { loadCycle } from "./queries.server";

const db = () => getDb();
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers for generated cycles. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** A cycle in voting with `projects` projects and `voters` ballots cast through the commands, then voting closed. */
async function countedCycle(method: VotingMethod, winnerRule: WinnerRule, seed: number, voters = 40, projectCount = 8, secondAdminPublishes = false) {
  const rand = random(seed);
  const author = await createUser(db());
  const { cycle, envelopes } = createBudgetCycle(db(), [{ districtId: null, amount: 100_000 }], { method, winnerRule, tokens: 6, maxTokensPerProject: 3, minApprovals: 1, maxApprovals: 4, secondAdminPublishes });
  const envelope = envelopes[0];
  const projects = Array.from({ length: projectCount }, (_, i) => createBallotProject(db(), cycle.id, envelope.id, author.id, { cost: 10_000 + Math.floor(rand() * 40) * 1_000, title: `Project ${i}` }));
  const people = [];
  for (let v = 0; v < voters; v++) {
    const voter = await createUser(db(), { createdAt: new Date(Date.now() - 90 * DAY) });
    people.push(voter);
    const choices = new Map<number, number>();
    let budgetLeft = 100_000;
    for (const p of [...projects].sort(() => rand() - 0.5)) {
      if (method === "tokens" && [...choices.values()].reduce((a, b) => a + b, 0) >= 6) break;
      if (method === "approval" && choices.size >= 1 + Math.floor(rand() * 4)) break;
      if (method === "knapsack" && (p.cost! > budgetLeft || rand() < 0.4)) continue;
      budgetLeft -= p.cost!;
      choices.set(p.id, method === "tokens" ? Math.min(3, 6 - [...choices.values()].reduce((a, b) => a + b, 0), 1 + Math.floor(rand() * 3)) : 1);
    }
    if (choices.size === 0) choices.set(projects[0].id, 1);
    const draft = saveBallotDraft(db(), voter, envelope.id, choices);
    if (!draft.ok) throw new Error(`draft refused: ${JSON.stringify(draft)}`);
    const cast = submitBallot(db(), voter, envelope.id, draft.value.token);
    if (!cast.ok) throw new Error("ballot refused");
  }
  db().run(sql`update budget_cycles set voting_ends_at = ${Math.floor(Date.now() / 1000) - 60} where id = ${cycle.id}`);
  return { cycle, envelope, projects, people };
}

describe("counting a cycle", () => {
  it("is refused while voting is open and to anyone but an admin", async () => {
    const author = await createUser(db());
    const { cycle, envelopes } = createBudgetCycle(db(), [{ districtId: null, amount: 50_000 }]);
    createBallotProject(db(), cycle.id, envelopes[0].id, author.id, { cost: 10_000 });
    const admin = await createUser(db(), { role: "admin" });
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: false, code: "closed" });
    const council = await createUser(db(), { role: "council" });
    expect(await countCycle(db(), council, cycle.id)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("writes each envelope's anonymised file and its digest; a recount of the file by the command gives the published winners", async () => {
    const { cycle, envelope, people } = await countedCycle("tokens", "equal_shares", 7);
    const admin = await createUser(db(), { role: "admin" });
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: true, value: { envelopes: 1 } });
    expect(getCountState(db(), cycle.id)).toMatchObject({ status: "done", done: 1, envelopes: 1 });
    const stored = listResults(db(), cycle.id).get(envelope.id)!;
    expect(stored.sha256).toBe(createHash("sha256").update(stored.pb).digest("hex"));
    // No user ids, e-mails, ballot ids, receipt codes or times in the published file (baseline 30).
    const people2 = db().select({ id: users.id, email: users.email }).from(users).all();
    for (const p of people2) {
      expect(stored.pb).not.toContain(p.id);
      expect(stored.pb).not.toContain(p.email);
    }
    for (const b of db().select({ code: ballots.receiptCode }).from(ballots).all()) expect(stored.pb).not.toContain(b.code);
    expect(stored.pb).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/);
    const voterIds = stored.pb.split("\nVOTES\n")[1].trim().split("\n").slice(1).map((line) => line.split(";")[0]);
    expect(voterIds.sort((a, b) => Number(a) - Number(b))).toEqual(people.map((_, i) => String(i + 1)));
    // Each line is one cast ballot, every project with its own tokens.
    const asText = (choices: [string, number][]) => choices.sort(([a], [b]) => Number(a) - Number(b)).map(([id, n]) => `${id}:${n}`).join(" ");
    const cast = new Map<number, [string, number][]>();
    const current = db()
      .select({ ballotId: ballotChoices.ballotId, projectId: ballotChoices.projectId, tokens: ballotChoices.tokens })
      .from(ballotChoices)
      .innerJoin(ballots, eq(ballots.id, ballotChoices.ballotId))
      .where(and(eq(ballots.envelopeId, envelope.id), isNull(ballots.supersededAt)))
      .all();
    for (const c of current) {
      cast.set(c.ballotId, [...(cast.get(c.ballotId) ?? []), [String(c.projectId), c.tokens]]);
    }
    const inFile = parsePb(stored.pb).ballots.map((b) => asText(b.vote.map((id, i) => [id, b.points![i]])));
    expect(inFile.sort()).toEqual([...cast.values()].map(asText).sort());
    expect(new Set(inFile).size).toBeGreaterThan(1);

    const file = path.join(TMP_DIR, `recount-${cycle.id}-${Date.now()}.pb`);
    fs.writeFileSync(file, stored.pb);
    const recount = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["scripts/tally.ts", file, "--json"], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
    expect(recount.status, recount.stderr).toBe(0);
    expect(JSON.parse(recount.stdout).selected).toEqual(stored.result.selected);
    fs.rmSync(file);

    // Counting again before publication: the same winners.
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: true });
    expect(listResults(db(), cycle.id).get(envelope.id)!.result.selected).toEqual(stored.result.selected);
  });

  it("recounts equal the published results for generated cycles of every method and rule", async () => {
    const admin = await createUser(db(), { role: "admin" });
    let seed = 11;
    for (const method of ["tokens", "approval", "knapsack"] as const) {
      for (const rule of ["greedy", "equal_shares"] as const) {
        const { cycle, envelope } = await countedCycle(method, rule, seed++, 25, 7);
        expect(await countCycle(db(), admin, cycle.id), `${method} ${rule}`).toMatchObject({ ok: true });
        const stored = listResults(db(), cycle.id).get(envelope.id)!;
        expect(countFile(stored.pb), `${method} ${rule}`).toEqual(stored.result);
        expect(tallyElection(parsePb(stored.pb), { rule: "auto" }).selected).toEqual(stored.result.selected);
        expect(stored.result.voters).toBe(25);
        expect(stored.rule).toBe(rule === "greedy" ? "greedy" : "mes-add1");
      }
    }
  });
});

describe("publishing", () => {
  it("happens once, by an admin, after a count: ideas become funded or not, voters are told, and results are final", async () => {
    const { cycle, envelope, projects, people } = await countedCycle("approval", "greedy", 3, 20, 6);
    const admin = await createUser(db(), { role: "admin" });
    expect(publishResults(db(), admin, cycle.id)).toMatchObject({ ok: false, message: "errors.count.notCounted" });
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: true });
    const council = await createUser(db(), { role: "council" });
    expect(publishResults(db(), council, cycle.id)).toMatchObject({ ok: false, code: "forbidden" });
    const published = publishResults(db(), admin, cycle.id);
    expect(published).toMatchObject({ ok: true });
    const selected = new Set(listResults(db(), cycle.id).get(envelope.id)!.result.selected.map(Number));
    for (const p of projects) {
      const status = db().select({ status: ideas.status }).from(ideas).where(eq(ideas.id, p.ideaId)).get()!.status;
      expect(status).toBe(selected.has(p.id) ? "funded" : "not_funded");
    }
    for (const voter of people) {
      expect(db().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, voter.id)).all().map((n) => n.kind)).toContain("results_published");
    }
    expect(publishResults(db(), admin, cycle.id)).toMatchObject({ ok: false, message: "errors.count.published" });
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: false, message: "errors.count.published" });
    expect(() => db().update(budgetResults).set({ sha256: "forged" }).run()).toThrow();
    expect(() => db().delete(budgetResults).run()).toThrow();
    // Deleting a voter's account afterwards changes nothing in the file or the results.
    const before = listResults(db(), cycle.id).get(envelope.id)!;
    db().delete(users).where(eq(users.id, people[0].id)).run();
    const after = listResults(db(), cycle.id).get(envelope.id)!;
    expect(after.pb).toBe(before.pb);
    expect(db().select().from(ballotChoices).all().length).toBeGreaterThan(0);
  });

  it("shows its results page to each reader in their language and number format, the same text every time", async () => {
    const { cycle } = await countedCycle("approval", "equal_shares", 5, 30, 6);
    const admin = await createUser(db(), { role: "admin" });
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: true });
    const row = loadCycle(db(), cycle.id)!;
    const reader = (locale: "en" | "fr", formatLocale: string) => ({ locale, t: getFixedT(locale), format: { locale: formatLocale, timeZone: "UTC", currency: "EUR" } });
    // Before publication only an administrator sees a preview.
    expect(getResultsPage(db(), row, false, reader("en", "en-GB")).envelopes).toEqual([]);
    expect(publishResults(db(), admin, cycle.id)).toMatchObject({ ok: true });
    const english = getResultsPage(db(), row, false, reader("en", "en-GB")).envelopes[0];
    const french = getResultsPage(db(), row, false, reader("fr", "fr-FR")).envelopes[0];
    expect(english.rule).toMatch(/^Rule: the Method of Equal Shares, completed\. Each voter had an equal share of the budget \(€[\d,.]+\)/);
    expect(french.rule).toMatch(/^Règle/);
    expect(english.summary).toMatch(/^30 voters\. Funded: €[\d,]+ of €100,000; €[\d,]+ left\.$/);
    expect(french.summary.replace(/\s/g, " ")).toContain("100 000 €");
    const funded = english.rows.find((r) => r.selected)!;
    expect(funded.outcome).toBe("Funded (no. 1).");
    expect(funded.why).toMatch(/^Its \d+ supporters paid for it from their equal shares, about €[\d,]+ each\.$/);
    expect(french.rows.find((r) => r.id === funded.id)!.outcome).not.toBe(funded.outcome);
    // Asking again (cached) gives the same text to each.
    expect(getResultsPage(db(), row, false, reader("en", "en-GB")).envelopes[0]).toEqual(english);
    expect(getResultsPage(db(), row, false, reader("fr", "fr-FR")).envelopes[0]).toEqual(french);
  });

  it("where the cycle says so, takes a second admin: one asks, another confirms that very request; asking is never publishing", async () => {
    const { cycle, projects } = await countedCycle("approval", "equal_shares", 7, 12, 5, true);
    const first = await createUser(db(), { role: "admin" });
    const second = await createUser(db(), { role: "admin" });
    expect(await countCycle(db(), first, cycle.id)).toMatchObject({ ok: true });
    const shortlisted = () => projects.every((p) => db().select({ status: ideas.status }).from(ideas).where(eq(ideas.id, p.ideaId)).get()!.status === "shortlisted");
    const requestedAt = () => getCountState(db(), cycle.id)?.publishRequest?.at ?? "";

    // A plain "publish" is not enough where four eyes are wanted.
    expect(publishResults(db(), first, cycle.id)).toMatchObject({ ok: false, message: "errors.count.requestChanged" });
    expect(publishResults(db(), first, cycle.id, { step: "request" })).toMatchObject({ ok: true, value: { published: false, requested: true } });
    expect(getCountState(db(), cycle.id)).toMatchObject({ publishedAt: null, publishRequest: { by: first.id } });
    // Asking again, by the same admin or another, publishes nothing.
    expect(publishResults(db(), first, cycle.id, { step: "request" })).toMatchObject({ ok: false, message: "errors.count.secondAdmin" });
    expect(publishResults(db(), second, cycle.id, { step: "request" })).toMatchObject({ ok: false, message: "errors.count.alreadyAsked" });
    // The one who asked cannot confirm.
    expect(publishResults(db(), first, cycle.id, { step: "confirm", requestedAt: requestedAt() })).toMatchObject({ ok: false, message: "errors.count.secondAdmin" });
    expect(shortlisted()).toBe(true);

    // Nor can a write around the command publish on one admin's word: the database refuses it,
    // however the request is forged.
    const raw = db().$client;
    const at = Math.floor(Date.now() / 1000);
    expect(() => raw.prepare("update budget_counts set published_at = ?, published_by = ? where cycle_id = ?").run(at, first.id, cycle.id)).toThrow(/second admin must confirm/);
    expect(() => raw.prepare("update budget_counts set published_at = ?, published_by = ?, publish_requested_by = ? where cycle_id = ?").run(at, first.id, second.id, cycle.id)).toThrow(/second admin must confirm|cannot change hands/);
    expect(() => raw.prepare("update budget_counts set publish_requested_by = ? where cycle_id = ?").run(second.id, cycle.id)).toThrow(/request/);
    expect(() => raw.prepare("insert or replace into budget_counts (cycle_id, status, done, envelopes, started_at, published_at, published_by) values (?, 'done', 1, 1, ?, ?, ?)").run(cycle.id, at, at, first.id)).toThrow(/second admin must confirm/);
    expect(() => raw.prepare("update budget_cycles set second_admin_publishes = 0 where id = ?").run(cycle.id)).toThrow(/rules are locked/);
    expect(getCountState(db(), cycle.id)?.publishedAt).toBeNull();

    // Counting again withdraws the request: a confirmation of the old one is refused.
    const seen = requestedAt();
    expect(await countCycle(db(), second, cycle.id)).toMatchObject({ ok: true });
    expect(getCountState(db(), cycle.id)?.publishRequest).toBeNull();
    expect(publishResults(db(), second, cycle.id, { step: "confirm", requestedAt: seen })).toMatchObject({ ok: false, message: "errors.count.requestChanged" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(publishResults(db(), first, cycle.id, { step: "request" })).toMatchObject({ ok: true, value: { published: false } });
    expect(publishResults(db(), second, cycle.id, { step: "confirm", requestedAt: seen })).toMatchObject({ ok: false, message: "errors.count.requestChanged" });
    expect(publishResults(db(), second, cycle.id, { step: "confirm", requestedAt: requestedAt() })).toMatchObject({ ok: true, value: { published: true } });
    expect(getCountState(db(), cycle.id)?.publishedAt).not.toBeNull();
    expect(shortlisted()).toBe(false);
  });

  it("is all or nothing: a failure half-way leaves every idea, the count and the voters as they were", async () => {
    const { cycle, projects, people } = await countedCycle("approval", "greedy", 5, 10, 5);
    const admin = await createUser(db(), { role: "admin" });
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: true });
    // The crash: the database refuses the status change of the last idea, after the others were written.
    db().run(sql.raw(`CREATE TEMP TRIGGER crash BEFORE UPDATE OF status ON ideas WHEN new.id = ${projects[4].ideaId} BEGIN SELECT RAISE(ABORT, 'crash'); END`));
    expect(() => publishResults(db(), admin, cycle.id)).toThrow();
    for (const p of projects) expect(db().select({ status: ideas.status }).from(ideas).where(eq(ideas.id, p.ideaId)).get()!.status).toBe("shortlisted");
    expect(getCountState(db(), cycle.id)).toMatchObject({ status: "done", publishedAt: null });
    expect(db().select().from(notifications).where(eq(notifications.kind, "results_published")).all()).toEqual([]);
    db().run(sql.raw("DROP TRIGGER crash"));
    expect(publishResults(db(), admin, cycle.id)).toMatchObject({ ok: true });
    expect(db().select().from(notifications).where(eq(notifications.kind, "results_published")).all()).toHaveLength(people.length);
  });
});
