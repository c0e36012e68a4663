import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, count, eq } from "drizzle-orm";
import { getDb, type Db } from "./client";
import { applyMigrations } from "./migrate";
import { users } from "./schema";
import { ANSWERS, BUDGET, CATEGORIES, PAST_BUDGET, COUNCIL_DEPARTMENTS, DEPARTMENTS, DISTRICTS, DUPLICATE, IDEAS, MODERATION, PERSONAS, REPORTS, ROUTING, TEMPLATES, WAITING } from "./demo-city";
import { backdateCityWork, backdateComment, backdateIdea } from "../tests/factories/ideas";
import { backdateNotifications } from "../tests/factories/notifications";
import { createBudgetCycle, setCycleMoment } from "../tests/factories/budgets";
import { createCategory, createDepartment, createDistrict } from "../tests/factories/places";
import { createUser } from "../tests/factories/users";
import sharp from "sharp";
import { reviewProject, saveBallotDraft, submitBallot, submitIdeaToCycle } from "../app/modules/budgets/commands.server";
import { countCycle } from "../app/modules/budgets/count.server";
import { postAnnouncement } from "../app/modules/announcements/commands.server";
import { AnnouncementSchema } from "../app/modules/announcements/validation";
import { postProjectUpdate } from "../app/modules/projects/commands.server";
import { ProjectUpdateSchema } from "../app/modules/projects/validation";
import { budgetProjects, ideas } from "./schema";
import { publishResults } from "../app/modules/budgets/publish.server";
import { sql } from "drizzle-orm";
import type { Actor } from "../app/modules/commands/actor";
import type { Outcome } from "../app/modules/commands/outcome";
import { createComment, rateComment } from "../app/modules/comments/commands.server";
import { setDepartmentMembers, setRoutingRule } from "../app/modules/departments/commands.server";
import { castSupport, createIdea, setFollowing } from "../app/modules/ideas/commands.server";
import { mergeIdea } from "../app/modules/ideas/merge.server";
import { respondToIdea, takeUpIdea } from "../app/modules/ideas/status.server";
import { findOpenCase } from "../app/modules/moderation/cases.server";
import { decideCase } from "../app/modules/moderation/commands.server";
import { reportContent } from "../app/modules/reports/commands.server";
import { saveTemplate } from "../app/modules/responses/templates.server";
import { updateSiteSettings } from "../app/modules/settings/commands.server";
import type { Role } from "../app/modules/users/roles";

export const DEMO_PASSWORD = "demo-city-2026";

export const DEMO_ACCOUNTS: { role: Role; email: string; displayName: string }[] = [
  { role: "resident", email: "resident@demo.city", displayName: "Rosa Resident" },
  { role: "moderator", email: "moderator@demo.city", displayName: "Mo Moderator" },
  { role: "council", email: "council@demo.city", displayName: "Camille Council" },
  { role: "admin", email: "admin@demo.city", displayName: "Ada Admin" },
];

const DAY = 86_400_000;

/** A demo write must work: a refusal here is a bug in the seed or the app. */
function must<T>(outcome: Outcome<T>, what: string): T {
  if (!outcome.ok) throw new Error(`demo ${what} refused: ${outcome.code} ${outcome.message}`);
  return outcome.value;
}

/** Seeds the demo city into an empty database; does nothing (and says so) otherwise. */
export async function seedDemoCity(db: Db = getDb()) {
  const [{ n }] = db.select({ n: count() }).from(users).all();
  if (n > 0) return false;
  const districts = new Map(DISTRICTS.map((d) => [d.slug, createDistrict(db, d).id]));
  const categories = new Map(CATEGORIES.map((c) => [c.slug, createCategory(db, c).id]));
  const departments = new Map(DEPARTMENTS.map((d) => [d.slug, createDepartment(db, d).id]));
  const month = new Date(Date.now() - 60 * DAY);
  const demo: Record<Role, Actor> = {} as Record<Role, Actor>;
  for (const account of DEMO_ACCOUNTS) {
    demo[account.role] = await createUser(db, { ...account, password: DEMO_PASSWORD, homeDistrictId: districts.get("old-town"), createdAt: month });
  }
  const people: Actor[] = [];
  for (const [i, p] of PERSONAS.entries()) {
    const email = `${p.name.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/\W+/g, ".")}@demo.city`;
    people.push(await createUser(db, { email, displayName: p.name, password: DEMO_PASSWORD, homeDistrictId: districts.get(p.district), locale: p.locale, createdAt: new Date(month.getTime() + i * DAY) }));
  }
  seedCityHall(db, demo, districts, categories, departments);
  const ideaIds = await seedIdeas(db, demo, people, districts, categories);
  await seedCityWork(db, demo, people, ideaIds);
  await seedModeration(db, demo, people, ideaIds);
  await seedPastBudget(db, demo, people, categories);
  await seedBudget(db, demo, people, districts, categories);
  backdateNotifications(db);
  return true;
}

/** What an admin sets up before the city answers: routing, who answers for what, templates, the promise. */
function seedCityHall(db: Db, demo: Record<Role, Actor>, districts: Map<string, number>, categories: Map<string, number>, departments: Map<string, number>) {
  for (const rule of ROUTING) {
    must(setRoutingRule(db, demo.admin, { categoryId: rule.category ? categories.get(rule.category) : undefined, districtId: rule.district ? districts.get(rule.district) : undefined, departmentId: departments.get(rule.department)! }), "routing rule");
  }
  must(setDepartmentMembers(db, demo.admin, demo.council.id, COUNCIL_DEPARTMENTS.map((d) => departments.get(d)!)), "membership");
  for (const template of TEMPLATES) must(saveTemplate(db, demo.admin, template), "template");
  // A small city: ten supporters bring an idea to the council's queue.
  must(updateSiteSettings(db, demo.admin, { queue: { supportThreshold: 10, monthlyTopPerCategory: 3 }, responsePromise: { firstResponseDays: 30, decisionDays: 60 } }), "settings");
}

/** The council's answers, a duplicate merged, and ideas waiting in the queue, spread over the last weeks. */
async function seedCityWork(db: Db, demo: Record<Role, Actor>, people: Actor[], ideaIds: Map<string, number>) {
  const promise = { firstResponseDays: 30, decisionDays: 60 };
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
  for (const answer of ANSWERS) {
    const ideaId = ideaIds.get(answer.title)!;
    must(takeUpIdea(db, demo.council, ideaId), "take up");
    for (const step of answer.steps) must(respondToIdea(db, demo.council, { ideaId, status: step.status, body: step.text }), `answer to "${answer.title}"`);
    backdateCityWork(db, ideaId, { queuedAt: daysAgo(answer.queuedDaysAgo), stepDates: answer.steps.map((s) => daysAgo(answer.queuedDaysAgo - s.after)), ...promise });
  }
  for (const waiting of WAITING) {
    const ideaId = ideaIds.get(waiting.title)!;
    must(takeUpIdea(db, demo.council, ideaId), "take up");
    backdateCityWork(db, ideaId, { queuedAt: daysAgo(waiting.queuedDaysAgo), stepDates: [], ...promise });
  }
  const { id: duplicateId } = must(await createIdea(db, people[5], { title: DUPLICATE.title, body: DUPLICATE.body, latitude: undefined, longitude: undefined, categoryId: undefined, districtId: undefined, estimatedCost: undefined }), "duplicate");
  for (const supporter of people.slice(8, 11)) must(castSupport(db, supporter, duplicateId, "up"), "duplicate support");
  must(mergeIdea(db, demo.moderator, { duplicateId, originalId: ideaIds.get(DUPLICATE.original)!, note: DUPLICATE.note }), "merge");
}

async function seedIdeas(db: Db, demo: Record<Role, Actor>, people: Actor[], districts: Map<string, number>, categories: Map<string, number>): Promise<Map<string, number>> {
  const everyone = [demo.resident, ...people, demo.moderator, demo.council, demo.admin];
  const ideaIds = new Map<string, number>();
  for (const [i, idea] of IDEAS.entries()) {
    // Rosa, the demo resident, wrote the first three ideas; the others come from the residents in turn.
    const author = i < 3 ? demo.resident : people[i % people.length];
    const { id } = must(
      await createIdea(db, author, {
        title: idea.title,
        body: idea.body,
        categoryId: categories.get(idea.category),
        districtId: idea.district ? districts.get(idea.district) : undefined,
        estimatedCost: idea.cost,
        latitude: undefined,
        longitude: undefined,
      }),
      `idea "${idea.title}"`,
    );
    ideaIds.set(idea.title, id);
    const postedAt = new Date(Date.now() - idea.age * DAY - (i % 7) * 3_600_000);
    const others = everyone.filter((p) => p.id !== author.id);
    // Arguments for and against, each by someone else, a few hours after the idea.
    const argued: { id: number; by: string }[] = [];
    for (const [k, text] of idea.pro.entries()) argued.push(await argue(db, others[(i + k) % others.length], id, text, "for", postedAt, k + 1));
    for (const [k, text] of idea.con.entries()) argued.push(await argue(db, others[(i + k + 5) % others.length], id, text, "against", postedAt, k + 2));
    // The author answers the first objection.
    if (idea.con.length) {
      const objection = argued[idea.pro.length].id;
      const reply = must(await createComment(db, author, id, { body: "Good point, thank you: I have added it to the proposal.", stance: "none", parentId: objection }), "reply");
      backdateComment(db, reply.id, new Date(postedAt.getTime() + 5 * 3_600_000));
    }
    // Residents find the best arguments helpful.
    for (const [k, comment] of argued.entries()) {
      const raters = others.filter((p) => p.id !== comment.by).slice(k + 3, k + 3 + ((i + k) % 4));
      for (const rater of raters) must(rateComment(db, rater, comment.id, true), "rating");
    }
    for (const supporter of others.slice(0, idea.support)) must(castSupport(db, supporter, id, "up"), "support");
    if (idea.con.length > 1) must(castSupport(db, others[others.length - 1], id, "down"), "opposition");
    backdateIdea(db, id, postedAt);
  }
  // Rosa follows a few ideas besides her own.
  for (const title of ["Safe crossing at the Station Road roundabout", "A covered bike park at the station", "Defibrillators in every sports hall"]) {
    must(setFollowing(db, demo.resident, ideaIds.get(title)!, true), "follow");
  }
  for (const [k, [title, reason, note]] of REPORTS.entries()) {
    const ideaId = ideaIds.get(title)!;
    // The second gets three reports: enough for the demo's auto-hide rule, so it waits hidden for a moderator.
    for (const reporter of people.slice(k * 3, k * 3 + (k === 1 ? 3 : 2))) {
      must(await reportContent(db, reporter, { targetType: "idea", targetId: ideaId, reason, note: note || undefined }, ideaId), "report");
    }
  }
  return ideaIds;
}

/** A picture for a demo project (shapes only: no font is needed), re-encoded by the app like any upload. */
function demoPicture(seed: number) {
  const hue = (seed * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,45%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},60%,70%)"/></linearGradient></defs><rect width="640" height="360" fill="url(#g)"/><circle cx="${120 + ((seed * 53) % 400)}" cy="180" r="90" fill="hsl(${(hue + 180) % 360},50%,85%)" opacity="0.8"/><rect x="0" y="280" width="640" height="80" fill="hsl(${hue},30%,25%)" opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/**
 * The budget in its voting phase, reached the way a city reaches it: ideas submitted while it
 * collects, reviewed and shortlisted by the council, then a few ballots cast.
 */
async function seedBudget(db: Db, demo: Record<Role, Actor>, people: Actor[], districts: Map<string, number>, categories: Map<string, number>) {
  const districtOf = (slug: string | null) => (slug ? districts.get(slug)! : null);
  const { cycle, envelopes } = createBudgetCycle(
    db,
    BUDGET.envelopes.map((e) => ({ districtId: districtOf(e.district), amount: e.amount })),
    { name: BUDGET.name, slug: BUDGET.slug, tokens: BUDGET.tokens, maxTokensPerProject: BUDGET.maxTokensPerProject, now: "collecting" },
  );
  const envelopeOf = (slug: string | null) => envelopes.find((e) => e.districtId === districtOf(slug))!;
  // Authors with the fewest ideas so far (five ideas an hour each is the posting limit).
  const authors = [0, 1, 2, 10, 11, 12, 13, 14, 15].map((i) => people[i]);
  const projects: { id: number; cost: number }[] = [];
  for (const [i, p] of BUDGET.projects.entries()) {
    const author = authors[i % authors.length];
    const idea = must(
      await createIdea(db, author, { title: p.title, body: p.body, categoryId: categories.get(p.category), districtId: districtOf(p.envelope) ?? undefined, estimatedCost: p.cost, latitude: undefined, longitude: undefined }, [await demoPicture(i)]),
      `budget idea "${p.title}"`,
    );
    const { projectId } = must(submitIdeaToCycle(db, author, { cycleId: cycle.id, ideaId: idea.id, envelopeId: envelopeOf(p.envelope).id }), "submit to budget");
    projects.push({ id: projectId, cost: p.cost });
  }
  setCycleMoment(db, cycle.id, "reviewing");
  for (const p of projects) must(reviewProject(db, demo.council, { projectId: p.id, feasibility: "feasible", cost: p.cost, note: "Checked with the departments concerned; the cost includes five years of upkeep.", shortlist: "yes" }), "shortlist");
  setCycleMoment(db, cycle.id, "voting");
  // Some residents have voted already: the public count of ballots moves; nothing else shows.
  const cityProjects = projects.slice(0, 10);
  for (const [k, voter] of people.slice(0, BUDGET.voters).entries()) {
    const choices = new Map<number, number>([
      [cityProjects[k % 10].id, 5],
      [cityProjects[(k * 3 + 1) % 10].id, 3],
      [cityProjects[(k * 7 + 2) % 10].id, 2],
    ]);
    const draft = must(saveBallotDraft(db, voter, envelopeOf(null).id, choices), "ballot draft");
    must(submitBallot(db, voter, envelopeOf(null).id, draft.token), "ballot");
  }
}

/**
 * Last year's budget, taken through every phase by the app's commands (submitted, reviewed,
 * voted, counted with Equal Shares, published), its dates moved into the past between phases.
 */
async function seedPastBudget(db: Db, demo: Record<Role, Actor>, people: Actor[], categories: Map<string, number>) {
  const { cycle, envelopes } = createBudgetCycle(db, [{ districtId: null, amount: PAST_BUDGET.amount }], { name: PAST_BUDGET.name, slug: PAST_BUDGET.slug, method: "approval", winnerRule: "equal_shares", minApprovals: 1, maxApprovals: 3, now: "collecting" });
  const envelope = envelopes[0];
  const dates = (days: { collecting: number; reviewing: number; voting: number; ends: number }) => {
    const at = (d: number) => Math.floor((Date.now() + d * DAY) / 1000);
    db.run(sql`update budget_cycles set collecting_at = ${at(days.collecting)}, reviewing_at = ${at(days.reviewing)}, voting_at = ${at(days.voting)}, voting_ends_at = ${at(days.ends)}, residency_cutoff_at = ${at(days.reviewing)} where id = ${cycle.id}`);
  };
  const projects: number[] = [];
  for (const [i, p] of PAST_BUDGET.projects.entries()) {
    const author = people[(i * 5 + 3) % people.length];
    const idea = must(await createIdea(db, author, { title: p.title, body: p.body, categoryId: categories.get(p.category), districtId: undefined, estimatedCost: p.cost, latitude: undefined, longitude: undefined }, [await demoPicture(40 + i)]), `past idea "${p.title}"`);
    backdateIdea(db, idea.id, new Date(Date.now() - (300 + i) * DAY));
    projects.push(must(submitIdeaToCycle(db, author, { cycleId: cycle.id, ideaId: idea.id, envelopeId: envelope.id }), "submit").projectId);
  }
  dates({ collecting: -400, reviewing: -1, voting: 5, ends: 10 });
  for (const [i, id] of projects.entries()) must(reviewProject(db, demo.council, { projectId: id, feasibility: "feasible", cost: PAST_BUDGET.projects[i].cost, note: "Feasible; the cost is the departments' estimate.", shortlist: "yes" }), "past shortlist");
  dates({ collecting: -400, reviewing: -380, voting: -360, ends: 1 });
  for (const [k, approvals] of PAST_BUDGET.ballots.entries()) {
    const voter = people[k % people.length];
    const draft = must(saveBallotDraft(db, voter, envelope.id, new Map(approvals.map((i) => [projects[i], 1]))), "past ballot draft");
    must(submitBallot(db, voter, envelope.id, draft.token), "past ballot");
  }
  db.run(sql`update budget_cycles set voting_ends_at = ${Math.floor((Date.now() - 330 * DAY) / 1000)} where id = ${cycle.id}`);
  must(await countCycle(db, demo.admin, cycle.id), "past count");
  must(publishResults(db, demo.admin, cycle.id), "past publication");
  // What the city did with them since: one finished, with its closing photo, one under way.
  const funded = db.select({ ideaId: budgetProjects.ideaId }).from(budgetProjects).innerJoin(ideas, eq(ideas.id, budgetProjects.ideaId)).where(and(eq(budgetProjects.cycleId, cycle.id), eq(ideas.status, "funded"))).all();
  const [done, underWay] = funded.map((f) => f.ideaId);
  const update = (body: string, progress: string, extra: Record<string, string> = {}) => ProjectUpdateSchema.parse({ body, progress, ...extra });
  if (done) {
    must(await postProjectUpdate(db, demo.council, done, update("The site is fenced and the **first trees** are planted.", "30", { spent: "35000", expectedAt: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) }), [await demoPicture(60)]), "project update");
    must(await postProjectUpdate(db, demo.council, done, update("Open to everyone since Saturday: thank you to all who voted for it.", "100", { spent: "118000", complete: "yes" }), [await demoPicture(61)]), "project completion");
  }
  if (underWay) must(await postProjectUpdate(db, demo.council, underWay, update("Ordered; the first stations are installed next month.", "40", { spent: "36000" })), "project update");
  must(postAnnouncement(db, demo.council, AnnouncementSchema.parse({ title: "Voting is open for the 2027 budget", body: "Twenty projects, three envelopes: **your vote decides** what the city builds next year.", link: `/budgets/${BUDGET.slug}` })), "announcement");
}

/** A spam comment hidden by a moderator, a fair one whose reports are dismissed (the open REPORTS stay in the queue). */
async function seedModeration(db: Db, demo: Record<Role, Actor>, people: Actor[], ideaIds: Map<string, number>) {
  const spammer = await createUser(db, { email: MODERATION.spammer.email, displayName: MODERATION.spammer.name, password: DEMO_PASSWORD });
  const spamIdea = ideaIds.get(MODERATION.spam.idea)!;
  const spam = must(await createComment(db, spammer, spamIdea, { body: MODERATION.spam.body, stance: "none" }), "spam comment");
  for (const reporter of people.slice(10, 13)) must(await reportContent(db, reporter, { targetType: "comment", targetId: spam.id, reason: "spam" }, spamIdea), "spam report");
  must(decideCase(db, demo.moderator, { action: "hide", caseId: openCaseId(db, "comment", spam.id), reason: MODERATION.spam.reason, confirm: "yes" }), "hide spam");
  const sharpIdea = ideaIds.get(MODERATION.sharp.idea)!;
  const sharp = must(await createComment(db, people[6], sharpIdea, { body: MODERATION.sharp.body, stance: "against" }), "sharp comment");
  for (const reporter of people.slice(13, 15)) must(await reportContent(db, reporter, { targetType: "comment", targetId: sharp.id, reason: "offensive", note: MODERATION.sharp.note }, sharpIdea), "sharp report");
  must(decideCase(db, demo.moderator, { action: "dismiss", caseId: openCaseId(db, "comment", sharp.id), reason: MODERATION.sharp.dismissal }), "dismiss");
}

function openCaseId(db: Db, targetType: "idea" | "comment", targetId: number) {
  const found = findOpenCase(db, targetType, targetId);
  if (!found) throw new Error(`Demo city: no open case for ${targetType} ${targetId}`);
  return found.id;
}

async function argue(db: Db, who: Actor, ideaId: number, body: string, stance: "for" | "against", postedAt: Date, hoursLater: number) {
  const { id } = must(await createComment(db, who, ideaId, { body, stance }), "argument");
  backdateComment(db, id, new Date(postedAt.getTime() + hoursLater * 3_600_000));
  return { id, by: who.id };
}

export function printDemoAccounts() {
  console.log("Demo accounts (password for all: %s):", DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes("--print-only")) {
    printDemoAccounts();
    process.exit(0);
  }
  applyMigrations();
  const seeded = await seedDemoCity();
  console.log(seeded ? "Seeded the demo city." : "The database already has accounts; nothing seeded.");
  printDemoAccounts();
}
