import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import type { Actor } from "~/modules/commands/actor";
import { auditEvents, ballotChoices, ballotDrafts, ballots, ballotVoters, budgetProjects, ideas, mailMessages, notifications, users } from "#db/schema";
import { createBallotProject, createBudgetCycle } from "#tests/factories/budgets";
import { createIdeaRow } from "#tests/factories/ideas";
import { createDistrict } from "#tests/factories/places";
import { createUser } from "#tests/factories/users";
import { renderMail } from "~/modules/mail/render.server";
import { updateProfile } from "~/modules/users/commands.server";
import { ballotTotals, checkSubmittable, checkWhileChoosing, type BallotRules } from "./ballot-rules";
import { closeVotingEarly, createCycle, discardBallotDraft, reviewProject, saveBallotDraft, submitBallot, submitIdeaToCycle, updateCycle } from "./commands.server";
import { enterPaperBallot, getPaperSummary, markPaperVoter } from "./paper.server";
import { phaseAt } from "./phases";
import { runVotingReminders } from "./reminders.server";
import { forgetVotingCycles, getBallotPage, getOwnBallot, getPublicCycle, getVoteReminder, listVoterEnvelopes, loadCycle } from "./queries.server";
import { CycleFormSchema, parseBallotChoices, ProjectReviewSchema } from "./validation";

const db = () => getDb();
const DAY = 86_400_000;

async function cityWithBallot(options: Parameters<typeof createBudgetCycle>[2] = {}, costs = [40_000, 25_000, 60_000]) {
  const north = createDistrict(db(), { slug: `north-${Math.random()}`, nameEn: "North", nameFr: "Nord" });
  const south = createDistrict(db(), { slug: `south-${Math.random()}`, nameEn: "South", nameFr: "Sud" });
  const author = await createUser(db());
  const { cycle, envelopes } = createBudgetCycle(
    db(),
    [
      { districtId: null, amount: 100_000 },
      { districtId: north.id, amount: 50_000 },
    ],
    options,
  );
  const [city, northEnvelope] = envelopes;
  const projects = costs.map((cost, i) => createBallotProject(db(), cycle.id, city.id, author.id, { cost, title: `Project ${i + 1}` }));
  const northProject = createBallotProject(db(), cycle.id, northEnvelope.id, author.id, { cost: 20_000, districtId: north.id });
  const voter = await createUser(db(), { homeDistrictId: north.id, createdAt: new Date(Date.now() - 400 * DAY) });
  return { cycle, city, northEnvelope, north, south, projects, northProject, author, voter: { id: voter.id, role: voter.role } };
}

function vote(voter: Actor, envelopeId: number, choices: [number, number][]) {
  const draft = saveBallotDraft(db(), voter, envelopeId, new Map(choices));
  if (!draft.ok) return draft;
  return submitBallot(db(), voter, envelopeId, draft.value.token);
}

const currentBallots = (envelopeId: number) =>
  db()
    .select()
    .from(ballots)
    .where(and(eq(ballots.envelopeId, envelopeId), isNull(ballots.supersededAt)))
    .all();

/** What the database said when it refused a write (drizzle wraps SQLite's error). */
function databaseRefusal(write: () => unknown) {
  try {
    write();
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return (e.cause ?? e).message;
  }
  return "accepted";
}

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("the phase follows the server clock", () => {
  it("opens and closes each phase at its date, and an early close ends voting", () => {
    const d = (s: string) => new Date(s);
    const cycle = { collectingAt: d("2027-01-01"), reviewingAt: d("2027-02-01"), votingAt: d("2027-03-01"), votingEndsAt: d("2027-04-01"), votingClosedEarlyAt: null, implementingAt: d("2027-06-01"), closedAt: null };
    expect(phaseAt(cycle, d("2026-12-31"))).toBe("draft");
    expect(phaseAt(cycle, d("2027-01-01"))).toBe("collecting");
    expect(phaseAt(cycle, d("2027-02-15"))).toBe("reviewing");
    expect(phaseAt(cycle, d("2027-03-01"))).toBe("voting");
    expect(phaseAt(cycle, d("2027-04-01"))).toBe("tallied");
    expect(phaseAt(cycle, d("2027-06-02"))).toBe("implementing");
    expect(phaseAt({ ...cycle, votingClosedEarlyAt: d("2027-03-10") }, d("2027-03-11"))).toBe("tallied");
  });
});

describe("ballot rules", () => {
  const costs = new Map([
    [1, 40_000],
    [2, 25_000],
    [3, 60_000],
  ]);
  const tokens: BallotRules = { method: "tokens", tokens: 10, maxPerProject: 4, minApprovals: 1, maxApprovals: 2, budget: 100_000 };
  it("refuse tokens over the total or the per-project cap while choosing, with the reason", () => {
    expect(checkWhileChoosing(tokens, new Map([[1, 4], [2, 4]]), costs)).toBeNull();
    expect(checkWhileChoosing(tokens, new Map([[1, 4], [2, 4], [3, 3]]), costs)).toMatchObject({ message: "errors.ballot.overTokens", params: { tokens: 10, used: 11 } });
    expect(checkWhileChoosing(tokens, new Map([[1, 5]]), costs)).toMatchObject({ message: "errors.ballot.overPerProject", projectId: 1 });
    expect(checkWhileChoosing(tokens, new Map([[9, 1]]), costs)).toMatchObject({ message: "errors.ballot.unknownProject", projectId: 9 });
  });
  it("refuse approvals over the maximum while choosing and under the minimum on submit", () => {
    const approval = { ...tokens, method: "approval" as const, minApprovals: 2, maxApprovals: 2 };
    expect(checkWhileChoosing(approval, new Map([[1, 1]]), costs)).toBeNull();
    expect(checkSubmittable(approval, new Map([[1, 1]]), costs)).toMatchObject({ message: "errors.ballot.underApprovals" });
    expect(checkWhileChoosing(approval, new Map([[1, 1], [2, 1], [3, 1]]), costs)).toMatchObject({ message: "errors.ballot.overApprovals" });
  });
  it("refuse a knapsack over the envelope's amount", () => {
    const knapsack = { ...tokens, method: "knapsack" as const };
    expect(checkSubmittable(knapsack, new Map([[1, 1], [3, 1]]), costs)).toBeNull();
    expect(checkWhileChoosing(knapsack, new Map([[1, 1], [2, 1], [3, 1]]), costs)).toMatchObject({ message: "errors.ballot.overBudget", params: { budget: 100_000, cost: 125_000 } });
    expect(ballotTotals(new Map([[1, 1], [3, 1]]), costs)).toEqual({ chosen: 2, tokensUsed: 2, cost: 100_000 });
  });
});

describe("a ballot form's choices (security baseline 26)", () => {
  it("refuse a sign, a decimal, an exponent, quotes, words and a field sent twice, naming the field", () => {
    for (const bad of ["-5", "2.5", '"3"', "1e309", "1e3", "+3", "0x3", "three", " 3x", "99999"]) {
      const parsed = parseBallotChoices(form([["tokens-7", bad]]), "tokens");
      expect(parsed, bad).toMatchObject({ ok: false });
      if (!parsed.ok) expect(Object.keys(parsed.fieldErrors)).toEqual(["tokens-7"]);
    }
    expect(parseBallotChoices(form([["tokens-7", "2"], ["tokens-7", "3"]]), "tokens")).toMatchObject({ ok: false, fieldErrors: { "tokens-7": ["errors.ballot.twice"] } });
    expect(parseBallotChoices(form([["project", "4"], ["project", "4"]]), "approval")).toMatchObject({ ok: false, fieldErrors: { project: ["errors.ballot.twice"] } });
  });
  it("read whole tokens, leaving out zeros and blanks", () => {
    const parsed = parseBallotChoices(form([["tokens-7", "3"], ["tokens-8", "0"], ["tokens-9", ""], ["other", "x"]]), "tokens");
    expect(parsed).toEqual({ ok: true, choices: new Map([[7, 3]]) });
  });
});

describe("casting a ballot", () => {
  it("records it after confirmation with a receipt, tells the voter without the choices, and mails the receipt", async () => {
    const { city, projects, voter } = await cityWithBallot();
    const outcome = vote(voter, city.id, [
      [projects[0].id, 6],
      [projects[1].id, 4],
    ]);
    expect(outcome).toMatchObject({ ok: true, value: { replaced: false, replay: false } });
    if (!outcome.ok) return;
    expect(outcome.value.receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const own = getOwnBallot(db(), voter.id, city.id)!;
    expect(own.receiptCode).toBe(outcome.value.receiptCode);
    expect(own.choices).toEqual(expect.arrayContaining([{ projectId: projects[0].id, tokens: 6 }, { projectId: projects[1].id, tokens: 4 }]));
    const told = db().select().from(notifications).where(eq(notifications.userId, voter.id)).all();
    expect(told.map((n) => n.kind)).toEqual(["ballot_recorded"]);
    expect(told[0].data).toMatchObject({ code: outcome.value.receiptCode });
    const mail = db().select().from(mailMessages).where(eq(mailMessages.userId, voter.id)).all();
    expect(mail.map((m) => m.kind)).toEqual(["ballot_receipt"]);
    // Neither says what was chosen.
    expect(JSON.stringify([told[0].data, mail[0].data])).not.toMatch(new RegExp(`"(${projects[0].id}|${projects[1].id})"|tokens|choices`));
    expect(db().select().from(ballotDrafts).all()).toEqual([]);
    // The receipt as it is sent, in both languages: code, cycle, envelope and time, never a project.
    for (const locale of ["en", "fr"] as const) {
      const rendered = renderMail("ballot_receipt", mail[0].data as Record<string, string>, locale, { base: "https://city.example", unsubscribe: null });
      expect(rendered.text).toContain(outcome.value.receiptCode);
      expect(rendered.text).toContain("/budgets/");
      expect(rendered.text).not.toContain("Project 1");
    }
  });

  it("confirming the same draft again (a double click, a replay) gives the same receipt and no second ballot", async () => {
    const { city, projects, voter } = await cityWithBallot();
    const draft = saveBallotDraft(db(), voter, city.id, new Map([[projects[0].id, 3]]));
    if (!draft.ok) throw new Error("draft refused");
    const first = submitBallot(db(), voter, city.id, draft.value.token);
    const results = Array.from({ length: 50 }, () => submitBallot(db(), voter, city.id, draft.value.token));
    expect(results.every((r) => r.ok && first.ok && r.value.receiptCode === first.value.receiptCode && r.value.replay)).toBe(true);
    expect(db().select().from(ballots).where(eq(ballots.envelopeId, city.id)).all()).toHaveLength(1);
    expect(db().select().from(ballotVoters).all()).toHaveLength(1);
    expect(db().select().from(notifications).where(eq(notifications.userId, voter.id)).all()).toHaveLength(1);
  });

  it("changing it writes a new version that counts, supersedes the old, and an unsubmitted edit never un-submits it", async () => {
    const { city, projects, voter } = await cityWithBallot();
    const first = vote(voter, city.id, [[projects[0].id, 5]]);
    if (!first.ok) throw new Error("refused");
    // An edit in progress: the recorded ballot still counts, unchanged.
    const editing = saveBallotDraft(db(), voter, city.id, new Map([[projects[2].id, 2]]));
    expect(editing.ok).toBe(true);
    expect(currentBallots(city.id).map((b) => b.receiptCode)).toEqual([first.value.receiptCode]);
    expect(getOwnBallot(db(), voter.id, city.id)!.choices).toEqual([{ projectId: projects[0].id, tokens: 5 }]);
    discardBallotDraft(db(), voter, city.id);
    expect(currentBallots(city.id)).toHaveLength(1);
    const second = vote(voter, city.id, [[projects[1].id, 7]]);
    expect(second).toMatchObject({ ok: true, value: { replaced: true } });
    const current = currentBallots(city.id);
    expect(current).toHaveLength(1);
    expect(current[0].receiptCode).not.toBe(first.value.receiptCode);
    expect(getOwnBallot(db(), voter.id, city.id)!.choices).toEqual([{ projectId: projects[1].id, tokens: 7 }]);
    expect(db().select().from(ballots).all()).toHaveLength(2);
  });

  it("refuses over the tokens, over the cap, another envelope's project or an unknown one, storing nothing", async () => {
    const { city, projects, northProject, voter } = await cityWithBallot({ maxTokensPerProject: 5 });
    for (const choices of [
      [[projects[0].id, 5], [projects[1].id, 5], [projects[2].id, 1]],
      [[projects[0].id, 6]],
      [[northProject.id, 1]],
      [[999_999, 1]],
      [[projects[0].id, 0]],
      [[projects[0].id, 2.5]],
    ] as [number, number][][]) {
      const outcome = saveBallotDraft(db(), voter, city.id, new Map(choices));
      expect(outcome, JSON.stringify(choices)).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(db().select().from(ballotDrafts).all()).toEqual([]);
    expect(db().select().from(ballots).all()).toEqual([]);
  });

  it("refuses an empty ballot and a knapsack over the envelope when submitted", async () => {
    const { city, projects, voter } = await cityWithBallot({ method: "knapsack" });
    expect(vote(voter, city.id, [])).toMatchObject({ ok: false, fieldErrors: { choices: ["errors.ballot.empty"] } });
    expect(
      vote(voter, city.id, [
        [projects[0].id, 1],
        [projects[2].id, 1],
        [projects[1].id, 1],
      ]),
    ).toMatchObject({ ok: false, code: "invalid" });
    expect(vote(voter, city.id, [[projects[0].id, 1], [projects[2].id, 1]])).toMatchObject({ ok: true });
  });
});

describe("who may vote", () => {
  it("an unverified, suspended, silenced or too new account may not; the reasons are named", async () => {
    const { city, projects } = await cityWithBallot({ minAccountAgeDays: 30 });
    const unverified = await createUser(db(), { emailVerified: false, createdAt: new Date(Date.now() - 90 * DAY) });
    const suspended = await createUser(db(), { suspendedAt: new Date(), createdAt: new Date(Date.now() - 90 * DAY) });
    const silenced = await createUser(db(), { createdAt: new Date(Date.now() - 90 * DAY) });
    db().update(users).set({ silencedUntil: new Date(Date.now() + DAY) }).where(eq(users.id, silenced.id)).run();
    const fresh = await createUser(db());
    const expected: [typeof unverified, string][] = [
      [unverified, "errors.refused.unverified"],
      [suspended, "errors.refused.suspended"],
      [silenced, "errors.ballot.silenced"],
      [fresh, "errors.ballot.accountTooNew"],
    ];
    for (const [person, message] of expected) {
      expect(saveBallotDraft(db(), person, city.id, new Map([[projects[0].id, 1]]))).toMatchObject({ ok: false, message });
    }
  });

  it("a district envelope is for its residents as of the cutoff: moving afterwards changes nothing", async () => {
    const { city, northEnvelope, northProject, north, south, voter } = await cityWithBallot();
    const southerner = await createUser(db(), { homeDistrictId: south.id, createdAt: new Date(Date.now() - 400 * DAY) });
    expect(saveBallotDraft(db(), southerner, northEnvelope.id, new Map([[northProject.id, 1]]))).toMatchObject({ ok: false, message: "errors.ballot.notResident" });
    // Both move now, after the cutoff: the northerner still votes in the North, the southerner still not.
    await updateProfile(db(), southerner, { displayName: "Moved north", homeDistrictId: north.id });
    await updateProfile(db(), voter, { displayName: "Moved south", homeDistrictId: south.id });
    expect(saveBallotDraft(db(), southerner, northEnvelope.id, new Map([[northProject.id, 1]]))).toMatchObject({ ok: false, message: "errors.ballot.notResident" });
    expect(vote(voter, northEnvelope.id, [[northProject.id, 1]])).toMatchObject({ ok: true });
    const cycle = loadCycle(db(), northEnvelope.cycleId)!;
    expect(listVoterEnvelopes(db(), voter.id, cycle).map((e) => e.id)).toEqual([city.id, northEnvelope.id]);
    expect(listVoterEnvelopes(db(), southerner.id, cycle).map((e) => e.id)).toEqual([city.id]);
  });

  it("before voting opens and after it closes, by the clock or early, nothing is recorded (baseline 27)", async () => {
    const before = await cityWithBallot({ now: "reviewing" });
    expect(saveBallotDraft(db(), before.voter, before.city.id, new Map([[before.projects[0].id, 1]]))).toMatchObject({ ok: false, code: "closed", message: "errors.ballot.votingNotOpen" });
    const after = await cityWithBallot({ now: "tallied" });
    expect(saveBallotDraft(db(), after.voter, after.city.id, new Map([[after.projects[0].id, 1]]))).toMatchObject({ ok: false, code: "closed", message: "errors.ballot.votingClosed" });

    const open = await cityWithBallot();
    const draft = saveBallotDraft(db(), open.voter, open.city.id, new Map([[open.projects[0].id, 1]]));
    if (!draft.ok) throw new Error("refused");
    const admin = await createUser(db(), { role: "admin" });
    expect(closeVotingEarly(db(), admin, open.cycle.id)).toMatchObject({ ok: true });
    expect(submitBallot(db(), open.voter, open.city.id, draft.value.token)).toMatchObject({ ok: false, code: "closed" });
    expect(db().select().from(ballots).all()).toEqual([]);
    expect(db().select().from(auditEvents).where(eq(auditEvents.action, "budget.votingClosedEarly")).all()).toHaveLength(1);
    // The database refuses an online ballot outside voting, whatever the code says.
    expect(databaseRefusal(() => db().insert(ballots).values({ envelopeId: before.city.id, receiptCode: "X", source: "online", castAt: new Date() }).run())).toMatch(/voting is not open/);
  });
});

describe("ballots are kept like an election's (baseline 28)", () => {
  it("a ballot is never deleted or rewritten, and its choices never change, even by hand", async () => {
    const { city, projects, voter } = await cityWithBallot();
    expect(vote(voter, city.id, [[projects[0].id, 2]])).toMatchObject({ ok: true });
    expect(databaseRefusal(() => db().delete(ballots).run())).toMatch(/never deleted/);
    expect(databaseRefusal(() => db().update(ballotChoices).set({ tokens: 9 }).run())).toMatch(/never changed/);
    expect(databaseRefusal(() => db().delete(ballotChoices).run())).toMatch(/never deleted/);
    expect(databaseRefusal(() => db().update(ballots).set({ receiptCode: "FORGED" }).run())).toMatch(/only ever superseded/);
  });

  it("once a ballot exists, the method, limits, amounts and costs are locked, in the command and in the database", async () => {
    const { cycle, city, projects, voter } = await cityWithBallot();
    const admin = await createUser(db(), { role: "admin" });
    expect(vote(voter, city.id, [[projects[0].id, 2]])).toMatchObject({ ok: true });
    const input = CycleFormSchema.parse({
      name: cycle.name,
      slug: cycle.slug,
      currency: "EUR",
      method: "approval",
      winnerRule: "greedy",
      tokens: "10",
      minApprovals: "1",
      maxApprovals: "3",
      residencyCutoffAt: "2020-01-01T00:00",
      collectingAt: "2020-01-01T00:00",
      reviewingAt: "2020-02-01T00:00",
      votingAt: "2020-03-01T00:00",
      votingEndsAt: "2099-03-01T00:00",
      envelopes: { city: "999999" },
      secondAdminPublishes: "yes",
    });
    const outcome = updateCycle(db(), admin, cycle.id, input);
    expect(outcome).toMatchObject({ ok: false, code: "invalid" });
    if (!outcome.ok) expect(Object.keys(outcome.fieldErrors!)).toEqual(expect.arrayContaining(["method", "envelopes.city", "secondAdminPublishes"]));
    expect(databaseRefusal(() => db().run(sql`update budget_cycles set tokens = 99 where id = ${cycle.id}`))).toMatch(/locked/);
    expect(databaseRefusal(() => db().run(sql`update budget_envelopes set amount = 1 where id = ${city.id}`))).toMatch(/locked/);
    expect(databaseRefusal(() => db().update(budgetProjects).set({ cost: 1 }).where(eq(budgetProjects.id, projects[0].id)).run())).toMatch(/locked/);
  });

  it("while voting is open, the cycle's public figures are the ballots cast and nothing per project", async () => {
    const { cycle, city, projects, voter } = await cityWithBallot();
    vote(voter, city.id, [[projects[0].id, 9]]);
    const view = getPublicCycle(db(), cycle.slug)!;
    expect(view.envelopes.find((e) => e.id === city.id)!.ballots).toBe(1);
    expect(JSON.stringify(view)).not.toMatch(/tokens":9|support|score/);
  });
});

describe("the ballot page", () => {
  it("shows thirty cards a page and keeps the other pages' projects for the totals, by id and cost only", async () => {
    const { cycle, city, voter, author } = await cityWithBallot({}, []);
    for (let i = 0; i < 35; i++) createBallotProject(db(), cycle.id, city.id, author.id, { cost: 1_000 + i, title: `Card ${i}` });
    const row = loadCycle(db(), cycle.id)!;
    const first = getBallotPage(db(), voter.id, row, city.id, { page: 1 })!;
    expect(first.pageCount).toBe(2);
    expect(first.projects.filter((p) => p.shown)).toHaveLength(30);
    const hidden = first.projects.filter((p) => !p.shown);
    expect(hidden).toHaveLength(5);
    for (const p of hidden) expect(Object.keys(p).sort()).toEqual(["cost", "id", "shown"]);
    const second = getBallotPage(db(), voter.id, row, city.id, { page: 9 })!;
    expect(second.page).toBe(2);
    expect(second.projects.filter((p) => p.shown).map((p) => "title" in p && p.title)).toEqual(["Card 30", "Card 31", "Card 32", "Card 33", "Card 34"]);
    expect(getBallotPage(db(), voter.id, row, city.id, { q: "card 3" })!.projects.filter((p) => p.shown)).toHaveLength(6);
  });
});

describe("paper ballots", () => {
  it("count once two different staff members typed the same choices for a serial; a disagreement is flagged and a third entry settles it", async () => {
    const { city, projects, voter } = await cityWithBallot();
    const [ana, ben, cleo] = [await createUser(db(), { role: "council" }), await createUser(db(), { role: "council" }), await createUser(db(), { role: "admin" })];
    const paper = (who: Actor, sequence: number, choices: [number, number][]) => enterPaperBallot(db(), who, { envelopeId: city.id, batch: "A", sequence, choices: new Map(choices) });
    expect(paper(voter, 1, [[projects[0].id, 3]])).toMatchObject({ ok: false, code: "forbidden" });
    expect(paper(ana, 1, [[projects[0].id, 3]])).toMatchObject({ ok: true, value: { state: "waiting", serial: "A-1" } });
    expect(paper(ana, 1, [[projects[0].id, 3]])).toMatchObject({ ok: false, fieldErrors: { sequence: ["errors.paper.alreadyEntered"] } });
    const paperBallots = () => db().select().from(ballots).where(eq(ballots.source, "paper")).all();
    expect(paperBallots()).toEqual([]);
    expect(paper(ben, 1, [[projects[0].id, 3]])).toMatchObject({ ok: true, value: { state: "counted" } });
    expect(paperBallots()).toMatchObject([{ paperSerial: "A-1", envelopeId: city.id }]);
    expect(paper(cleo, 1, [[projects[0].id, 3]])).toMatchObject({ ok: false, fieldErrors: { sequence: ["errors.paper.alreadyCounted"] } });
    // A disagreement counts nothing until a third entry agrees with one side.
    expect(paper(ana, 2, [[projects[1].id, 2]])).toMatchObject({ ok: true, value: { state: "waiting" } });
    expect(paper(ben, 2, [[projects[1].id, 3]])).toMatchObject({ ok: true, value: { state: "mismatch" } });
    expect(getPaperSummary(db(), city.id)).toMatchObject({ counted: 1, mismatches: 2 });
    expect(paper(cleo, 2, [[projects[1].id, 3]])).toMatchObject({ ok: true, value: { state: "counted" } });
    expect(paperBallots()).toHaveLength(2);
    // Over the limits on paper is not a ballot either; and no staff member can give a paper a voter.
    expect(paper(ana, 3, [[projects[0].id, 11]])).toMatchObject({ ok: false, code: "invalid" });
    expect(databaseRefusal(() => db().insert(ballots).values({ envelopeId: city.id, receiptCode: "PX", source: "paper", castAt: new Date() }).run())).toMatch(/serial/);
  });

  it("a resident marked as having voted on paper cannot vote online there; one who voted online is not marked", async () => {
    const { city, projects, voter } = await cityWithBallot();
    const staff = await createUser(db(), { role: "council" });
    const other = await createUser(db(), { createdAt: new Date(Date.now() - 400 * DAY) });
    const email = db().select({ email: users.email }).from(users).where(eq(users.id, voter.id)).get()!.email;
    expect(markPaperVoter(db(), staff, { envelopeId: city.id, email: email.toUpperCase() })).toMatchObject({ ok: true });
    expect(vote(voter, city.id, [[projects[0].id, 1]])).toMatchObject({ ok: false, message: "errors.ballot.votedOnPaper" });
    expect(markPaperVoter(db(), staff, { envelopeId: city.id, email })).toMatchObject({ ok: false, fieldErrors: { email: ["errors.paper.alreadyMarked"] } });
    expect(vote(other, city.id, [[projects[0].id, 1]])).toMatchObject({ ok: true });
    const otherEmail = db().select({ email: users.email }).from(users).where(eq(users.id, other.id)).get()!.email;
    expect(markPaperVoter(db(), staff, { envelopeId: city.id, email: otherEmail })).toMatchObject({ ok: false, fieldErrors: { email: ["errors.paper.votedOnline"] } });
    expect(markPaperVoter(db(), staff, { envelopeId: city.id, email: "nobody@example.org" })).toMatchObject({ ok: false, fieldErrors: { email: ["errors.paper.noAccount"] } });
  });
});

describe("voting notices", () => {
  it("tell eligible residents once that voting is open, and those who have not voted once that it closes in 48 hours", async () => {
    const { cycle, city, projects, voter, south } = await cityWithBallot();
    const elsewhere = await createUser(db(), { homeDistrictId: south.id, createdAt: new Date(Date.now() - 400 * DAY) });
    const unverified = await createUser(db(), { emailVerified: false });
    const kinds = (userId: string) => db().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId)).all().map((n) => n.kind);
    runVotingReminders(db());
    runVotingReminders(db()); // a restart or a second run: nothing twice
    expect(kinds(voter.id)).toEqual(["voting_opened"]);
    expect(kinds(elsewhere.id)).toEqual(["voting_opened"]); // the city-wide envelope is everyone's
    expect(kinds(unverified.id)).toEqual([]);
    // Not yet within 48 hours of the end: no closing notice.
    expect(db().select().from(notifications).where(eq(notifications.kind, "voting_closing")).all()).toEqual([]);
    vote(voter, city.id, [[projects[0].id, 1]]);
    db().run(sql`update budget_cycles set voting_ends_at = ${Math.floor(Date.now() / 1000) + 3600} where id = ${cycle.id}`);
    forgetVotingCycles();
    runVotingReminders(db());
    runVotingReminders(db());
    expect(kinds(voter.id).filter((k) => k === "voting_closing")).toEqual([]);
    expect(kinds(elsewhere.id)).toEqual(["voting_opened", "voting_closing"]);
  });
});

describe("the banner's reminder", () => {
  it("says a draft waits, then that the person has not voted, then nothing once they have", async () => {
    const { city, northEnvelope, projects, northProject, voter } = await cityWithBallot();
    expect(getVoteReminder(db(), voter.id)).toMatchObject({ state: "notVoted" });
    saveBallotDraft(db(), voter, city.id, new Map([[projects[0].id, 1]]));
    expect(getVoteReminder(db(), voter.id)).toMatchObject({ state: "draft" });
    discardBallotDraft(db(), voter, city.id);
    vote(voter, city.id, [[projects[0].id, 1]]);
    vote(voter, northEnvelope.id, [[northProject.id, 1]]);
    expect(getVoteReminder(db(), voter.id)).toBeNull();
  });
});

describe("setting up and reviewing", () => {
  const cycleForm = (overrides: Record<string, unknown> = {}) =>
    CycleFormSchema.safeParse({
      name: "Budget 2027",
      slug: "budget-2027",
      currency: "EUR",
      method: "tokens",
      winnerRule: "equal_shares",
      tokens: "10",
      residencyCutoffAt: "2027-01-01T00:00",
      collectingAt: "2027-01-01T00:00",
      reviewingAt: "2027-02-01T00:00",
      votingAt: "2027-03-01T09:00",
      votingEndsAt: "2027-04-01T20:00",
      envelopes: { city: "500 000" },
      ...overrides,
    });

  it("an admin creates a cycle in the city's time zone; dates out of order and a used slug are refused by field", async () => {
    const admin = await createUser(db(), { role: "admin" });
    const parsed = cycleForm();
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    const created = createCycle(db(), admin, parsed.data);
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    const cycle = loadCycle(db(), created.value.id)!;
    expect(cycle.envelopes.map((e) => e.amount)).toEqual([500_000]);
    expect(cycle.votingAt.toISOString()).toBe("2027-03-01T08:00:00.000Z"); // 9:00 in Paris, the default zone
    expect(createCycle(db(), admin, parsed.data)).toMatchObject({ ok: false, fieldErrors: { slug: ["errors.budget.slugTaken"] } });
    const disorder = cycleForm({ slug: "other", votingAt: "2027-01-15T00:00" });
    if (!disorder.success) throw new Error("schema");
    expect(createCycle(db(), admin, disorder.data)).toMatchObject({ ok: false, fieldErrors: { votingAt: ["errors.budget.dateOrder"] } });
    expect(cycleForm({ envelopes: {} }).success).toBe(false);
    const resident = await createUser(db());
    expect(createCycle(db(), resident, parsed.data)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a resident submits their idea; staff review it and shortlist it onto the ballot, which notifies its followers", async () => {
    const district = createDistrict(db(), { slug: "east", nameEn: "East", nameFr: "Est" });
    const { cycle, envelopes } = createBudgetCycle(db(), [{ districtId: null, amount: 100_000 }, { districtId: district.id, amount: 30_000 }], { now: "collecting" });
    const author = await createUser(db());
    const other = await createUser(db());
    const idea = createIdeaRow(db(), author.id, { districtId: null });
    expect(submitIdeaToCycle(db(), other, { cycleId: cycle.id, ideaId: idea.id, envelopeId: envelopes[0].id })).toMatchObject({ ok: false, fieldErrors: { ideaId: ["errors.budget.chooseIdea"] } });
    expect(submitIdeaToCycle(db(), author, { cycleId: cycle.id, ideaId: idea.id, envelopeId: envelopes[1].id })).toMatchObject({ ok: false, fieldErrors: { envelopeId: ["errors.budget.envelopeDistrict"] } });
    const submitted = submitIdeaToCycle(db(), author, { cycleId: cycle.id, ideaId: idea.id, envelopeId: envelopes[0].id });
    expect(submitted).toMatchObject({ ok: true });
    if (!submitted.ok) return;
    expect(submitIdeaToCycle(db(), author, { cycleId: cycle.id, ideaId: idea.id, envelopeId: envelopes[0].id })).toMatchObject({ ok: false, fieldErrors: { ideaId: ["errors.budget.alreadySubmitted"] } });

    const council = await createUser(db(), { role: "council" });
    const review = (fields: Record<string, string>) => ProjectReviewSchema.parse({ projectId: String(submitted.value.projectId), ...fields });
    expect(ProjectReviewSchema.safeParse({ projectId: "1", feasibility: "infeasible" }).success).toBe(false);
    // Shortlisting waits for the reviewing phase.
    expect(reviewProject(db(), council, review({ feasibility: "feasible", cost: "45 000", shortlist: "yes" }))).toMatchObject({ ok: false, fieldErrors: { shortlist: ["errors.budget.shortlistWhenReviewing"] } });
    db().run(sql`update budget_cycles set reviewing_at = ${Math.floor(Date.now() / 1000) - 60} where id = ${cycle.id}`);
    expect(reviewProject(db(), author, review({ feasibility: "feasible", cost: "45000" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(reviewProject(db(), council, review({ feasibility: "feasible", cost: "45 000", note: "Checked with **parks**.", shortlist: "yes" }))).toMatchObject({ ok: true, value: { shortlisted: true } });
    expect(db().select({ status: ideas.status }).from(ideas).where(eq(ideas.id, idea.id)).get()!.status).toBe("shortlisted");
    const project = db().select().from(budgetProjects).where(eq(budgetProjects.id, submitted.value.projectId)).get()!;
    expect(project).toMatchObject({ cost: 45_000, feasibility: "feasible" });
    expect(project.reviewNoteHtml).toContain("<strong>parks</strong>");
    expect(db().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, author.id)).all().map((n) => n.kind)).toEqual(["idea_status"]);
  });
});
