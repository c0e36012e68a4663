import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { departmentMembers, ideaTimeline, ideas, scheduledRuns } from "#db/schema";
import { backdateIdea, createIdeaRow } from "#tests/factories/ideas";
import { createCategory, createDepartment, createDistrict } from "#tests/factories/places";
import { createUser } from "#tests/factories/users";
import { setRoutingRule } from "~/modules/departments/commands.server";
import { routeFor } from "~/modules/departments/queries.server";
import { monthRange } from "~/modules/jobs/calendar";
import { XSS_CORPUS, assertInertHtml } from "~/modules/markdown/xss-corpus";
import { updateSiteSettings } from "~/modules/settings/commands.server";
import { castSupport, createIdea, updateIdea, withdrawIdea } from "./commands.server";
import { countQueue, getResponseRecord, listStaffQueue, pickMonthlyTopIdeas } from "./queue.server";
import { reassignIdea, respondToIdea, takeUpIdea } from "./status.server";
import { listTimeline } from "./timeline.server";
import { StaffQueueQuerySchema } from "./validation";

const db = () => getDb();
const idea = (id: number) => db().select().from(ideas).where(eq(ideas.id, id)).get()!;
const kinds = (id: number) => db().select({ kind: ideaTimeline.kind }).from(ideaTimeline).where(eq(ideaTimeline.ideaId, id)).all().map((e) => e.kind);
const DAY = 86_400_000;

async function cityWithDepartments() {
  const parks = createDepartment(db(), { slug: "parks", nameEn: "Parks department", nameFr: "Direction des parcs" });
  const roads = createDepartment(db(), { slug: "roads", nameEn: "Roads department", nameFr: "Direction de la voirie" });
  const general = createDepartment(db(), { slug: "general", nameEn: "City hall", nameFr: "Mairie" });
  const green = createCategory(db(), { slug: "green", nameEn: "Green", nameFr: "Vert" });
  const mobility = createCategory(db(), { slug: "mobility", nameEn: "Mobility", nameFr: "Mobilité" });
  const north = createDistrict(db(), { slug: "north", nameEn: "North", nameFr: "Nord" });
  const south = createDistrict(db(), { slug: "south", nameEn: "South", nameFr: "Sud" });
  const admin = await createUser(db(), { role: "admin" });
  for (const rule of [
    { departmentId: general.id },
    { categoryId: green.id, departmentId: parks.id },
    { districtId: north.id, departmentId: roads.id },
    { categoryId: mobility.id, districtId: south.id, departmentId: parks.id },
  ]) {
    expect(setRoutingRule(db(), admin, rule).ok).toBe(true);
  }
  return { parks, roads, general, green, mobility, north, south, admin };
}

describe("routing", () => {
  it("sends a new idea to the most specific rule's department, and says so on its timeline", async () => {
    const c = await cityWithDepartments();
    expect(routeFor(db(), c.mobility.id, c.south.id)).toBe(c.parks.id); // both
    expect(routeFor(db(), c.green.id, c.north.id)).toBe(c.parks.id); // the category rule before the district rule
    expect(routeFor(db(), c.mobility.id, c.north.id)).toBe(c.roads.id); // the district alone
    expect(routeFor(db(), null, null)).toBe(c.general.id); // the fallback
    const author = await createUser(db());
    const created = await createIdea(db(), author, { title: "Bus lane", body: "On the south road.", categoryId: c.mobility.id, districtId: c.south.id });
    if (!created.ok) throw new Error(created.code);
    expect(idea(created.value.id).departmentId).toBe(c.parks.id);
    expect(kinds(created.value.id)).toEqual(["posted", "routed"]);
    // A new category routes it again, while no one chose its department by hand.
    expect(updateIdea(db(), author, created.value.id, { title: "Bus lane", body: "North now.", categoryId: c.mobility.id, districtId: c.north.id }).ok).toBe(true);
    expect(idea(created.value.id).departmentId).toBe(c.roads.id);
    expect(kinds(created.value.id)).toEqual(["posted", "routed", "edited", "routed"]);
  });

  it("lets staff reassign with a public note, after which edits no longer move the idea", async () => {
    const c = await cityWithDepartments();
    const council = await createUser(db(), { role: "council" });
    const author = await createUser(db());
    const created = await createIdea(db(), author, { title: "Trees", body: "More of them.", categoryId: c.green.id });
    if (!created.ok) throw new Error(created.code);
    expect(reassignIdea(db(), council, { ideaId: created.value.id, departmentId: c.roads.id, note: "The trees are on a road verge." }).ok).toBe(true);
    expect(reassignIdea(db(), council, { ideaId: created.value.id, departmentId: c.roads.id, note: "Again" })).toMatchObject({ ok: false, fieldErrors: { departmentId: ["errors.responses.sameDepartment"] } });
    const timeline = listTimeline(db(), created.value.id);
    expect(timeline.at(-1)).toMatchObject({ kind: "reassigned", departmentEn: "Roads department" });
    expect(timeline.at(-1)!.bodyHtml).toContain("road verge");
    updateIdea(db(), author, created.value.id, { title: "Trees", body: "Still.", categoryId: c.mobility.id, districtId: c.south.id });
    expect(idea(created.value.id).departmentId).toBe(c.roads.id);
    const moderator = await createUser(db(), { role: "moderator" });
    expect(reassignIdea(db(), moderator, { ideaId: created.value.id, departmentId: c.parks.id, note: "x" })).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("official responses", () => {
  it("record the first and last response, the responder's department and the text on the timeline", async () => {
    const c = await cityWithDepartments();
    const council = await createUser(db(), { role: "council", displayName: "Camille Council" });
    db().insert(departmentMembers).values({ departmentId: c.parks.id, userId: council.id }).run();
    const author = await createUser(db());
    const { id } = createIdeaRow(db(), author.id, { categoryId: c.green.id });
    db().update(ideas).set({ departmentId: c.parks.id }).where(eq(ideas.id, id)).run();
    // A status change without a text is not a first response.
    expect(respondToIdea(db(), council, { ideaId: id, status: "under_review" }).ok).toBe(true);
    expect(idea(id)).toMatchObject({ status: "under_review", firstResponseAt: null });
    expect(respondToIdea(db(), council, { ideaId: id, body: "We are **measuring** the site." }).ok).toBe(true);
    const first = idea(id).firstResponseAt;
    expect(first).toBeInstanceOf(Date);
    expect(respondToIdea(db(), council, { ideaId: id, status: "accepted", body: "Yes: planting in March." }).ok).toBe(true);
    expect(idea(id).firstResponseAt).toEqual(first);
    expect(idea(id).status).toBe("accepted");
    const answers = listTimeline(db(), id).filter((e) => e.bodyHtml);
    expect(answers.map((e) => [e.kind, e.actorName, e.departmentEn])).toEqual([
      ["responded", "Camille Council", "Parks department"],
      ["status_changed", "Camille Council", "Parks department"],
    ]);
    expect(answers[0].bodyHtml).toContain("<strong>measuring</strong>");
  });

  it("needs a public reason to decline, and a text or a status to say anything", async () => {
    const council = await createUser(db(), { role: "council" });
    const author = await createUser(db());
    const { id } = createIdeaRow(db(), author.id, { status: "under_review" });
    expect(respondToIdea(db(), council, { ideaId: id, status: "declined" })).toMatchObject({ ok: false, fieldErrors: { body: ["errors.lifecycle.responseRequired"] } });
    expect(respondToIdea(db(), council, { ideaId: id })).toMatchObject({ ok: false, fieldErrors: { body: ["errors.responses.nothingToSay"] } });
    expect(idea(id).status).toBe("under_review");
    expect(respondToIdea(db(), council, { ideaId: id, status: "declined", body: "The site is private land." }).ok).toBe(true);
  });

  it("are the city's: moderators and residents cannot post them, and no one can mark an idea funded (baseline 11)", async () => {
    const author = await createUser(db());
    const { id } = createIdeaRow(db(), author.id, { status: "shortlisted" });
    for (const role of ["resident", "moderator"] as const) {
      expect(respondToIdea(db(), await createUser(db(), { role }), { ideaId: id, body: "Official!" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    const admin = await createUser(db(), { role: "admin" });
    expect(respondToIdea(db(), admin, { ideaId: id, status: "funded" as never, body: "Funded by hand" })).toMatchObject({ ok: false, message: "errors.lifecycle.only.budget" });
    expect(idea(id)).toMatchObject({ status: "shortlisted", firstResponseAt: null });
  });

  it("are scoped: a council member answers for their departments' ideas only", async () => {
    const c = await cityWithDepartments();
    const parksStaff = await createUser(db(), { role: "council" });
    db().insert(departmentMembers).values({ departmentId: c.parks.id, userId: parksStaff.id }).run();
    const author = await createUser(db());
    const roadsIdea = createIdeaRow(db(), author.id);
    db().update(ideas).set({ departmentId: c.roads.id }).where(eq(ideas.id, roadsIdea.id)).run();
    expect(respondToIdea(db(), parksStaff, { ideaId: roadsIdea.id, body: "Not ours" })).toMatchObject({ ok: false, message: "errors.responses.notYours" });
    expect(respondToIdea(db(), c.admin, { ideaId: roadsIdea.id, body: "Admins answer anything" }).ok).toBe(true);
  });

  it("keep the XSS corpus inert in what they show", async () => {
    const council = await createUser(db(), { role: "council" });
    const author = await createUser(db());
    const { id } = createIdeaRow(db(), author.id);
    expect(respondToIdea(db(), council, { ideaId: id, body: XSS_CORPUS.join("\n\n").slice(0, 9000) }).ok).toBe(true);
    for (const entry of listTimeline(db(), id)) expect(assertInertHtml(entry.bodyHtml ?? "")).toEqual([]);
  });

  it("end the author's right to edit, with the reason shown", async () => {
    const council = await createUser(db(), { role: "council" });
    const author = await createUser(db());
    const { id } = createIdeaRow(db(), author.id);
    respondToIdea(db(), council, { ideaId: id, body: "Thank you, we are looking at it." });
    expect(updateIdea(db(), author, id, { title: "Changed", body: "Changed" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(withdrawIdea(db(), author, id).ok).toBe(true);
    expect(kinds(id).at(-1)).toBe("status_changed");
  });
});

describe("the staff queue", () => {
  it("takes in ideas that pass the support threshold, with the promise's deadline", async () => {
    const admin = await createUser(db(), { role: "admin" });
    updateSiteSettings(db(), admin, { queue: { supportThreshold: 3, monthlyTopPerCategory: 3 }, responsePromise: { firstResponseDays: 10, decisionDays: 20 } });
    const author = await createUser(db());
    const { id } = createIdeaRow(db(), author.id);
    for (let i = 0; i < 2; i++) castSupport(db(), await createUser(db()), id, "up");
    expect(idea(id).queuedAt).toBeNull();
    castSupport(db(), await createUser(db()), id, "up");
    const queued = idea(id);
    expect(queued.queueReason).toBe("threshold");
    expect(queued.queueDueAt!.getTime() - queued.queuedAt!.getTime()).toBe(10 * DAY);
    // Under review: the decision stage, with its own deadline; a decision ends the wait.
    const council = await createUser(db(), { role: "council" });
    respondToIdea(db(), council, { ideaId: id, status: "under_review", body: "Looking." });
    const reviewing = idea(id);
    expect(reviewing.queueDueAt!.getTime() - Date.now()).toBeGreaterThan(19 * DAY);
    respondToIdea(db(), council, { ideaId: id, status: "accepted", body: "Yes." });
    expect(idea(id).queueDueAt).toBeNull();
  });

  it("lists overdue ideas first, filtered by department (the member's by default)", async () => {
    const c = await cityWithDepartments();
    const council = await createUser(db(), { role: "council" });
    db().insert(departmentMembers).values({ departmentId: c.parks.id, userId: council.id }).run();
    const author = await createUser(db());
    const make = (title: string, departmentId: number, dueInDays: number) => {
      const row = createIdeaRow(db(), author.id, { title });
      db().update(ideas).set({ departmentId, queuedAt: new Date(), queueReason: "manual", queueDueAt: new Date(Date.now() + dueInDays * DAY), responseDueAt: new Date(Date.now() + dueInDays * DAY) }).where(eq(ideas.id, row.id)).run();
    };
    make("Parks later", c.parks.id, 20);
    make("Parks overdue", c.parks.id, -3);
    make("Roads soon", c.roads.id, 1);
    const titles = (params: Record<string, string>) => listStaffQueue(db(), StaffQueueQuerySchema.parse(params), [c.parks.id]).rows.map((r) => r.title);
    expect(titles({})).toEqual(["Parks overdue", "Parks later"]);
    expect(titles({ department: "all" })).toEqual(["Parks overdue", "Roads soon", "Parks later"]);
    expect(titles({ department: String(c.roads.id) })).toEqual(["Roads soon"]);
    expect(titles({ department: "1 OR 1=1", status: "hidden" })).toEqual(["Parks overdue", "Parks later"]);
    expect(countQueue(db(), [c.parks.id])).toEqual({ waiting: 2, overdue: 1 });
  });

  it("takes ideas up by hand, once, and only unanswered public ones", async () => {
    const council = await createUser(db(), { role: "council" });
    const author = await createUser(db());
    const { id } = createIdeaRow(db(), author.id);
    expect(takeUpIdea(db(), council, id)).toMatchObject({ ok: true, value: { queued: true } });
    expect(takeUpIdea(db(), council, id)).toMatchObject({ ok: true, value: { queued: false } });
    expect(idea(id).queueReason).toBe("manual");
    const answered = createIdeaRow(db(), author.id, { firstResponseAt: new Date() });
    expect(takeUpIdea(db(), council, answered.id)).toMatchObject({ ok: true, value: { queued: false } });
    expect(takeUpIdea(db(), await createUser(db(), { role: "moderator" }), id)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("takes in each category's top ideas of a month, once per month however often the job runs", async () => {
    const c = await cityWithDepartments();
    const author = await createUser(db());
    const november = monthRange("2026-11", "Europe/Paris");
    const inNovember = new Date(november.start.getTime() + 5 * DAY);
    const made = [];
    for (let i = 0; i < 5; i++) {
      const row = createIdeaRow(db(), author.id, { categoryId: c.green.id, title: `Green ${i}` });
      for (let v = 0; v < i; v++) castSupport(db(), await createUser(db()), row.id, "up");
      backdateIdea(db(), row.id, inNovember);
      made.push(row.id);
    }
    const october = createIdeaRow(db(), author.id, { categoryId: c.green.id, title: "October" });
    backdateIdea(db(), october.id, new Date(november.start.getTime() - DAY));
    const first = pickMonthlyTopIdeas(db(), "2026-11", november);
    expect(first.ok && first.value.picked.sort()).toEqual([made[4], made[3], made[2]].sort());
    expect(idea(made[4]).queueReason).toBe("monthly_top");
    expect(idea(october.id).queuedAt).toBeNull();
    // Again (a restart, a second process): nothing more.
    expect(pickMonthlyTopIdeas(db(), "2026-11", november)).toMatchObject({ ok: true, value: { picked: [] } });
    expect(db().select().from(scheduledRuns).all()).toHaveLength(1);
  });
});

describe("the response record", () => {
  it("gives the median days to a first text, the share on time and the overdue count, per department", async () => {
    const c = await cityWithDepartments();
    const author = await createUser(db());
    const now = new Date();
    const queued = (departmentId: number, daysAgo: number, answeredAfterDays: number | null, promiseDays = 30) => {
      const row = createIdeaRow(db(), author.id);
      const queuedAt = new Date(now.getTime() - daysAgo * DAY);
      const due = new Date(queuedAt.getTime() + promiseDays * DAY);
      db()
        .update(ideas)
        .set({ departmentId, queuedAt, responseDueAt: due, queueDueAt: answeredAfterDays === null ? due : null, firstResponseAt: answeredAfterDays === null ? null : new Date(queuedAt.getTime() + answeredAfterDays * DAY) })
        .where(eq(ideas.id, row.id))
        .run();
    };
    queued(c.parks.id, 60, 10);
    queued(c.parks.id, 60, 40); // late
    queued(c.parks.id, 50, null); // overdue, unanswered
    queued(c.roads.id, 20, 2);
    queued(c.roads.id, 5, null); // still within the promise
    queued(c.roads.id, 200, 5); // outside the 90 days
    const record = getResponseRecord(db(), now);
    const parks = record.departments.find((d) => d.departmentId === c.parks.id)!;
    expect(parks).toMatchObject({ entered: 3, answered: 2, overdue: 1 });
    expect(parks.medianDays).toBeCloseTo(25);
    expect(parks.onTimeShare).toBeCloseTo(1 / 3);
    const roads = record.departments.find((d) => d.departmentId === c.roads.id)!;
    expect(roads).toMatchObject({ entered: 2, answered: 1, overdue: 0, onTimeShare: 1 });
    expect(record.overall).toMatchObject({ entered: 5, answered: 3, overdue: 1 });
    expect(record.overall.medianDays).toBeCloseTo(10);
  });
});
