import { and, asc, count, desc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { ballotChoices, ballotDrafts, ballots, ballotVoters, budgetCycles, budgetEnvelopes, budgetProjects, districts, homeDistrictHistory, users } from "#db/schema";
import type { QueryBuilder } from "drizzle-orm/sqlite-core";
import { listIdeaCards } from "~/modules/ideas/audience.server";
import { listedIdeaCondition } from "~/modules/ideas/state.server";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { districtAsOf } from "~/modules/users/residency.server";
import { dbCache } from "~/utils/db-cache.server";
import { toZonedInput } from "~/utils/zoned-time";
import { loadStanding } from "~/modules/users/standing.server";
import { voteRefusal } from "./policy";
import type { BallotRules } from "./ballot-rules";
import { BALLOT_PAGE_SIZE, CYCLE_PROJECTS_PAGE } from "./kinds";
import { phaseAt, votingEnd } from "./phases";

export type EnvelopeRow = { id: number; cycleId: number; districtId: number | null; amount: number; nameEn: string | null; nameFr: string | null };
export type CycleRow = typeof budgetCycles.$inferSelect & { envelopes: EnvelopeRow[] };

const envelopeColumns = {
  id: budgetEnvelopes.id,
  cycleId: budgetEnvelopes.cycleId,
  districtId: budgetEnvelopes.districtId,
  amount: budgetEnvelopes.amount,
  nameEn: districts.nameEn,
  nameFr: districts.nameFr,
};

function envelopesOf(db: Db, cycleId: number): EnvelopeRow[] {
  return prepared(db, "budgets:envelopes", () =>
    db
      .select(envelopeColumns)
      .from(budgetEnvelopes)
      .leftJoin(districts, eq(districts.id, budgetEnvelopes.districtId))
      .where(eq(budgetEnvelopes.cycleId, sql.placeholder("cycleId")))
      // City-wide first, then districts by name.
      .orderBy(sql`${budgetEnvelopes.districtId} is not null`, asc(districts.nameEn))
      .prepare(),
  ).all({ cycleId });
}

export function loadCycle(db: Db, cycleId: number): CycleRow | null {
  const cycle = prepared(db, "budgets:cycle", () =>
    db
      .select()
      .from(budgetCycles)
      .where(eq(budgetCycles.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: cycleId });
  return cycle ? { ...cycle, envelopes: envelopesOf(db, cycle.id) } : null;
}

export function getCycleBySlug(db: Db, slug: string): CycleRow | null {
  const row = prepared(db, "budgets:cycle-by-slug", () =>
    db
      .select({ id: budgetCycles.id })
      .from(budgetCycles)
      .where(eq(budgetCycles.slug, sql.placeholder("slug")))
      .prepare(),
  ).get({ slug });
  return row ? loadCycle(db, row.id) : null;
}

export function loadEnvelope(db: Db, envelopeId: number): EnvelopeRow | null {
  return (
    prepared(db, "budgets:envelope", () =>
      db
        .select(envelopeColumns)
        .from(budgetEnvelopes)
        .leftJoin(districts, eq(districts.id, budgetEnvelopes.districtId))
        .where(eq(budgetEnvelopes.id, sql.placeholder("id")))
        .prepare(),
    ).get({ id: envelopeId }) ?? null
  );
}

/** Whether any ballot (online or paper) exists in the cycle: from then on its rules are locked. */
export function hasBallots(db: Db, cycleId: number) {
  return !!db
    .select({ id: ballots.id })
    .from(ballots)
    .innerJoin(budgetEnvelopes, eq(budgetEnvelopes.id, ballots.envelopeId))
    .where(eq(budgetEnvelopes.cycleId, cycleId))
    .limit(1)
    .get();
}

/** The ballot's projects in an envelope (shortlisted, still public) with their official costs. */
function ballotCosts(db: Db, envelopeId: number) {
  const rows = prepared(db, "budgets:ballot-costs", () =>
    db
      .select({ id: budgetProjects.id, cost: budgetProjects.cost, ideaId: budgetProjects.ideaId })
      .from(budgetProjects)
      .where(and(eq(budgetProjects.envelopeId, sql.placeholder("envelopeId")), isNotNull(budgetProjects.shortlistedAt), listedIdeaCondition(budgetProjects.ideaId)))
      .orderBy(asc(budgetProjects.id))
      .prepare(),
  ).all({ envelopeId });
  return rows;
}

/** The limits a ballot in this envelope must keep, and each ballot project's cost. */
export function ballotRulesOf(db: Db, cycle: CycleRow, envelope: EnvelopeRow): { rules: BallotRules; costs: Map<number, number> } {
  const rows = ballotCosts(db, envelope.id);
  return { rules: rulesOf(cycle, envelope), costs: new Map(rows.map((r) => [r.id, r.cost ?? 0])) };
}

/** The limits alone, from the cycle and the envelope (the ballot page has its costs from its cards). */
function rulesOf(cycle: CycleRow, envelope: EnvelopeRow): BallotRules {
  return { method: cycle.method, tokens: cycle.tokens, maxPerProject: cycle.maxTokensPerProject, minApprovals: cycle.minApprovals, maxApprovals: cycle.maxApprovals, budget: envelope.amount };
}

/** How many ballots have been cast per envelope: the only figure shown while voting is open. */
export function countBallotsByEnvelope(db: Db, cycleId: number) {
  const rows = db
    .select({ envelopeId: ballotVoters.envelopeId, n: count() })
    .from(ballotVoters)
    .innerJoin(budgetEnvelopes, eq(budgetEnvelopes.id, ballotVoters.envelopeId))
    .where(eq(budgetEnvelopes.cycleId, cycleId))
    .groupBy(ballotVoters.envelopeId)
    .all();
  return new Map(rows.map((r) => [r.envelopeId, r.n]));
}

const publicCycle = (c: CycleRow, now: Date) => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  currency: c.currency,
  method: c.method,
  winnerRule: c.winnerRule,
  tokens: c.tokens,
  maxTokensPerProject: c.maxTokensPerProject,
  minApprovals: c.minApprovals,
  maxApprovals: c.maxApprovals,
  minAccountAgeDays: c.minAccountAgeDays,
  phase: phaseAt(c, now),
  collectingAt: c.collectingAt.toISOString(),
  reviewingAt: c.reviewingAt.toISOString(),
  votingAt: c.votingAt.toISOString(),
  votingEndsAt: votingEnd(c).toISOString(),
  closedEarly: !!c.votingClosedEarlyAt && c.votingClosedEarlyAt < c.votingEndsAt,
  residencyCutoffAt: c.residencyCutoffAt.toISOString(),
  total: c.envelopes.reduce((sum, e) => sum + e.amount, 0),
  envelopes: c.envelopes.map((e) => ({ id: e.id, districtId: e.districtId, amount: e.amount, nameEn: e.nameEn, nameFr: e.nameFr })),
});
export type PublicCycle = ReturnType<typeof publicCycle>;

/** Every cycle past its draft, newest first, for the public list. */
export function listPublicCycles(db: Db, now = new Date()) {
  const rows = prepared(db, "budgets:public-cycle-ids", () =>
    db
      .select({ id: budgetCycles.id })
      .from(budgetCycles)
      .where(lte(budgetCycles.collectingAt, sql.placeholder("now")))
      .orderBy(desc(budgetCycles.votingAt))
      .limit(50)
      .prepare(),
  ).all({ now: Math.floor(now.getTime() / 1000) });
  return rows.map((r) => publicCycle(loadCycle(db, r.id)!, now));
}

/** Every cycle for admins, drafts included. */
export function listCyclesForAdmin(db: Db, now = new Date()) {
  const rows = db.select({ id: budgetCycles.id }).from(budgetCycles).orderBy(desc(budgetCycles.votingAt)).limit(100).all();
  return rows.map((r) => publicCycle(loadCycle(db, r.id)!, now));
}

/** A cycle's public page: its dates and envelopes, and how many ballots were cast (never any project's count). */
export function getPublicCycle(db: Db, slug: string, now = new Date()) {
  const cycle = getCycleBySlug(db, slug);
  return cycle ? publicCycleView(db, cycle, now) : null;
}

/** The public view of a cycle already loaded (null while it is a draft), for pages that need both. */
export function publicCycleView(db: Db, cycle: CycleRow, now = new Date()) {
  if (phaseAt(cycle, now) === "draft") return null;
  const cast = countBallotsByEnvelope(db, cycle.id);
  const view = publicCycle(cycle, now);
  return { ...view, envelopes: view.envelopes.map((e) => ({ ...e, ballots: cast.get(e.id) ?? 0 })) };
}

/** A public page's cycle by its slug, with its public view; null for a draft or an unknown slug. */
export function getPublicCycleBySlug(db: Db, slug: string | undefined) {
  const cycle = slug ? getCycleBySlug(db, slug) : null;
  const view = cycle ? publicCycleView(db, cycle) : null;
  return cycle && view ? { cycle, view } : null;
}

/** A cycle for its admin page: the public view, whether its rules are locked, and the form's values in the city's wall clock. */
export function getCycleForAdmin(db: Db, cycleId: number, now = new Date()) {
  const cycle = loadCycle(db, cycleId);
  if (!cycle) return null;
  const { timeZone } = getSiteSettings(db);
  const local = (d: Date | null) => (d ? toZonedInput(d, timeZone) : undefined);
  const defaults = {
    name: cycle.name,
    slug: cycle.slug,
    currency: cycle.currency,
    method: cycle.method,
    winnerRule: cycle.winnerRule,
    tokens: String(cycle.tokens),
    maxTokensPerProject: cycle.maxTokensPerProject ? String(cycle.maxTokensPerProject) : undefined,
    minApprovals: String(cycle.minApprovals),
    maxApprovals: String(cycle.maxApprovals),
    minAccountAgeDays: cycle.minAccountAgeDays ? String(cycle.minAccountAgeDays) : undefined,
    secondAdminPublishes: cycle.secondAdminPublishes ? ("yes" as const) : undefined,
    residencyCutoffAt: local(cycle.residencyCutoffAt),
    collectingAt: local(cycle.collectingAt),
    reviewingAt: local(cycle.reviewingAt),
    votingAt: local(cycle.votingAt),
    votingEndsAt: local(cycle.votingEndsAt),
    implementingAt: local(cycle.implementingAt),
    closedAt: local(cycle.closedAt),
    envelopes: Object.fromEntries(cycle.envelopes.map((e) => [e.districtId === null ? "city" : `d${e.districtId}`, String(e.amount)])),
  };
  return { ...publicCycle(cycle, now), locked: hasBallots(db, cycleId), secondAdminPublishes: cycle.secondAdminPublishes, defaults, timeZone };
}

export type ProjectFilter = { category?: number; q?: string };

/** A card's excerpt: the first sentence or so (the idea's page has the rest). */
function shortExcerpt(text: string, max = 140) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd()}…`;
}


/** A cycle page's projects, a page at a time, optionally one envelope's: cards with title, place, cost and review. */
export function listCycleProjectsPage(db: Db, cycleId: number, options: { envelopeId?: number; shortlistedOnly: boolean; page: number }) {
  const all = listProjects(db, { cycleId, envelopeId: options.envelopeId, shortlistedOnly: options.shortlistedOnly });
  const start = (options.page - 1) * CYCLE_PROJECTS_PAGE;
  return {
    total: all.length,
    projects: all.slice(start, start + CYCLE_PROJECTS_PAGE).map((p) => ({ id: p.id, ideaId: p.ideaId, envelopeId: p.envelopeId, title: p.title, cost: p.cost, photo: p.photo, feasibility: p.feasibility, reviewNoteHtml: p.reviewNoteHtml })),
  };
}

// Project cards are read on every ballot page (150 in a big city) and change rarely: kept briefly,
// and forgotten as soon as an idea's words or visibility change (subscribers.server.ts) or a
// review changes a project. What a ballot may hold is never read from here (ballotCosts is).
const projectCards = dbCache<ReturnType<typeof readProjects>>(30_000);

/** Forget the cached project cards (an idea edited, hidden or restored; a project reviewed or submitted). */
export function forgetProjectCards() {
  projectCards.forget();
}

/** Project cards of an envelope's ballot (or of the whole cycle's submissions for staff and the public list). */
export function listProjects(db: Db, where: { cycleId: number; envelopeId?: number; shortlistedOnly: boolean }, filter: ProjectFilter = {}) {
  const cards = projectCards.get(db, `${where.cycleId}:${where.envelopeId ?? "all"}:${where.shortlistedOnly}`, () => readProjects(db, where));
  return listProjectsFiltered(cards, filter);
}

function readProjects(db: Db, where: { cycleId: number; envelopeId?: number; shortlistedOnly: boolean }) {
  const rows = db
    .select()
    .from(budgetProjects)
    .where(
      and(
        eq(budgetProjects.cycleId, where.cycleId),
        where.envelopeId ? eq(budgetProjects.envelopeId, where.envelopeId) : undefined,
        where.shortlistedOnly ? isNotNull(budgetProjects.shortlistedAt) : undefined,
        listedIdeaCondition(budgetProjects.ideaId),
      ),
    )
    .orderBy(asc(budgetProjects.id))
    .limit(500)
    .all();
  const cards = listIdeaCards(
    db,
    rows.map((r) => r.ideaId),
  );
  return rows.map((r) => {
      const card = cards.get(r.ideaId)!;
      return {
        id: r.id,
        ideaId: r.ideaId,
        envelopeId: r.envelopeId,
        title: card.title,
        excerpt: card.excerpt,
        categoryId: card.categoryId,
        districtId: card.districtId,
        photo: card.photo,
        ideaStatus: card.status,
        cost: r.cost,
        feasibility: r.feasibility,
        reviewNoteHtml: r.reviewNoteHtml,
        reviewNote: r.reviewNote,
        shortlisted: !!r.shortlistedAt,
      };
    });
}

function listProjectsFiltered<T extends { categoryId: number | null; title: string; excerpt: string }>(projects: T[], filter: ProjectFilter) {
  const q = filter.q?.trim().toLocaleLowerCase();
  return projects.filter((p) => (filter.category ? p.categoryId === filter.category : true) && (q ? p.title.toLocaleLowerCase().includes(q) || p.excerpt.toLocaleLowerCase().includes(q) : true));
}
export type ProjectCard = ReturnType<typeof listProjects>[number];

/** The person's recorded ballot in an envelope, as cast: receipt, time and choices. Their own page only. */
export function getOwnBallot(db: Db, voterId: string, envelopeId: number) {
  const link = prepared(db, "budgets:own-link", () =>
    db
      .select({ ballotId: ballotVoters.ballotId, source: ballotVoters.source, votedAt: ballotVoters.votedAt, receiptCode: ballots.receiptCode, castAt: ballots.castAt })
      .from(ballotVoters)
      .leftJoin(ballots, eq(ballots.id, ballotVoters.ballotId))
      .where(and(eq(ballotVoters.envelopeId, sql.placeholder("envelopeId")), eq(ballotVoters.voterId, sql.placeholder("voterId"))))
      .prepare(),
  ).get({ envelopeId, voterId });
  if (!link) return null;
  const choices = link.ballotId
    ? prepared(db, "budgets:own-choices", () =>
        db
          .select({ projectId: ballotChoices.projectId, tokens: ballotChoices.tokens })
          .from(ballotChoices)
          .where(eq(ballotChoices.ballotId, sql.placeholder("ballotId")))
          .prepare(),
      ).all({ ballotId: link.ballotId })
    : [];
  return { source: link.source, receiptCode: link.receiptCode, castAt: (link.castAt ?? link.votedAt).toISOString(), choices };
}

export function getOwnDraft(db: Db, voterId: string, envelopeId: number) {
  const row = prepared(db, "budgets:own-draft", () =>
    db
      .select({ choices: ballotDrafts.choices, token: ballotDrafts.token, updatedAt: ballotDrafts.updatedAt })
      .from(ballotDrafts)
      .where(and(eq(ballotDrafts.envelopeId, sql.placeholder("envelopeId")), eq(ballotDrafts.voterId, sql.placeholder("voterId"))))
      .prepare(),
  ).get({ envelopeId, voterId });
  return row ? { choices: row.choices, token: row.token, updatedAt: row.updatedAt.toISOString() } : null;
}

/**
 * The envelopes a person may vote in (city-wide, and their district as of the cutoff), with
 * whether they voted, online or on paper, and whether a draft waits.
 */
export function listVoterEnvelopes(db: Db, voterId: string, cycle: CycleRow) {
  const district = districtAsOf(db, voterId, cycle.residencyCutoffAt);
  const envelopes = cycle.envelopes.filter((e) => e.districtId === null || e.districtId === district);
  const ids = envelopes.map((e) => e.id);
  if (ids.length === 0) return [];
  // On every page a signed-in voter opens while voting is open (the banner): prepared per envelope count.
  const params = { voterId, ...listParams(ids) };
  const voted = new Map(
    prepared(db, `budgets:voter-voted:${ids.length}`, () =>
      db
        .select({ envelopeId: ballotVoters.envelopeId, source: ballotVoters.source, votedAt: ballotVoters.votedAt })
        .from(ballotVoters)
        .where(and(eq(ballotVoters.voterId, sql.placeholder("voterId")), inList(ballotVoters.envelopeId, ids.length)))
        .prepare(),
    )
      .all(params)
      .map((r) => [r.envelopeId, r]),
  );
  const drafts = new Set(
    prepared(db, `budgets:voter-drafts:${ids.length}`, () =>
      db
        .select({ envelopeId: ballotDrafts.envelopeId })
        .from(ballotDrafts)
        .where(and(eq(ballotDrafts.voterId, sql.placeholder("voterId")), inList(ballotDrafts.envelopeId, ids.length)))
        .prepare(),
    )
      .all(params)
      .map((r) => r.envelopeId),
  );
  return envelopes.map((e) => ({
    id: e.id,
    districtId: e.districtId,
    nameEn: e.nameEn,
    nameFr: e.nameFr,
    amount: e.amount,
    voted: voted.has(e.id),
    votedOnPaper: voted.get(e.id)?.source === "paper",
    votedAt: voted.get(e.id)?.votedAt.toISOString() ?? null,
    draft: drafts.has(e.id),
  }));
}

/** Eligibility facts of a person whose residency was already checked by listVoterEnvelopes. */
function voterFacts(standing: NonNullable<ReturnType<typeof loadStanding>>, district: number | null, now: Date) {
  return { suspended: standing.suspended, silenced: !!standing.silencedUntil && standing.silencedUntil > now, verified: standing.verified, accountCreatedAt: standing.createdAt, districtAtCutoff: district };
}

// The cycles in voting, kept a few seconds per database: the banner asks on every page of every
// signed-in person. An admin's change forgets them at once (subscribers.server.ts).
const votingCycles = dbCache<CycleRow[]>(5_000, 1);

function cyclesInVoting(db: Db, now: Date) {
  const cycles = votingCycles.get(
    db,
    "voting",
    () =>
      db
        .select({ id: budgetCycles.id })
        .from(budgetCycles)
        .where(and(lte(budgetCycles.votingAt, now), sql`${budgetCycles.votingEndsAt} > ${Math.floor(now.getTime() / 1000)}`, isNull(budgetCycles.votingClosedEarlyAt)))
        .all()
        .map((r) => loadCycle(db, r.id)!),
    now.getTime(),
  );
  return cycles.filter((c) => phaseAt(c, now) === "voting");
}

/** Forget the cached list of cycles in voting (an admin changed dates or closed voting). */
export function forgetVotingCycles() {
  votingCycles.forget();
}

/**
 * What the banner on every page says to a signed-in person while voting is open: a draft not yet
 * submitted, or no ballot yet, in a cycle where they may vote. Null when there is nothing to say.
 */
export function getVoteReminder(db: Db, voterId: string, now = new Date()) {
  const cycles = cyclesInVoting(db, now);
  if (cycles.length === 0) return null;
  const standing = loadStanding(db, voterId);
  if (!standing) return null;
  for (const cycle of cycles) {
    // Only where the person may vote now: nobody is told to vote where they cannot.
    const envelopes = listVoterEnvelopes(db, voterId, cycle).filter((e) => !voteRefusal("voting", cycle, e, voterFacts(standing, e.districtId === null ? null : e.districtId, now), now));
    const drafted = envelopes.find((e) => e.draft);
    // A draft beside a recorded ballot is unsaved changes: the recorded ballot still counts.
    if (drafted) return { slug: cycle.slug, name: cycle.name, state: drafted.voted ? ("changes" as const) : ("draft" as const), envelopeId: drafted.id, endsAt: votingEnd(cycle).toISOString() };
    const missing = envelopes.find((e) => !e.voted);
    if (missing) return { slug: cycle.slug, name: cycle.name, state: "notVoted" as const, envelopeId: missing.id, endsAt: votingEnd(cycle).toISOString() };
  }
  return null;
}

/** What a ballot's notification and receipt e-mail name: the cycle and the envelope, in both languages. */
export function ballotNotice(db: Db, cycleId: number, envelopeId: number) {
  const cycle = loadCycle(db, cycleId)!;
  const envelope = cycle.envelopes.find((e) => e.id === envelopeId);
  return { cycle: cycle.slug, cycleName: cycle.name, envelopeEn: envelope?.nameEn ?? null, envelopeFr: envelope?.nameFr ?? null };
}

/**
 * Why this person may not vote in this envelope now (a translation key), or null when they may:
 * their standing and their district at the cutoff, read now (inside the ballot's write when the
 * command asks).
 */
export function voterRefusal(db: Db, voterId: string, cycle: CycleRow, envelope: Pick<EnvelopeRow, "districtId">, now: Date) {
  const standing = loadStanding(db, voterId);
  if (!standing) return "errors.refused.forbidden";
  const district = envelope.districtId === null ? null : districtAsOf(db, voterId, cycle.residencyCutoffAt);
  return voteRefusal(phaseAt(cycle, now), cycle, envelope, voterFacts(standing, district, now), now);
}

/** The confirmation page: the draft's choices with their titles and costs, its token, and whether the person may vote. */
export function getBallotConfirmation(db: Db, voterId: string, cycle: CycleRow, envelopeId: number, now = new Date()) {
  const envelope = cycle.envelopes.find((e) => e.id === envelopeId);
  if (!envelope) return null;
  const draft = getOwnDraft(db, voterId, envelopeId);
  const recorded = getOwnBallot(db, voterId, envelopeId);
  const byId = new Map(listProjects(db, { cycleId: cycle.id, envelopeId, shortlistedOnly: true }).map((p) => [p.id, p]));
  return {
    envelope: { id: envelope.id, nameEn: envelope.nameEn, nameFr: envelope.nameFr },
    refusal: voterRefusal(db, voterId, cycle, envelope, now),
    recorded: recorded ? { receiptCode: recorded.receiptCode, source: recorded.source } : null,
    draft: draft ? { token: draft.token, chosen: draft.choices.map(([id, tokens]) => ({ id, tokens, title: byId.get(id)?.title ?? "", cost: byId.get(id)?.cost ?? 0 })) } : null,
  };
}

/**
 * Everything the ballot page shows: the envelope's rules and projects (filtered for display; the
 * choices outside the filter are kept as hidden fields), the choices to start from (the draft, or
 * else the recorded ballot), whether the person may vote and why not.
 */
export function getBallotPage(db: Db, voterId: string, cycle: CycleRow, envelopeId: number, filter: ProjectFilter & { page?: number }, now = new Date()) {
  const envelope = cycle.envelopes.find((e) => e.id === envelopeId);
  if (!envelope) return null;
  const refusal = voterRefusal(db, voterId, cycle, envelope, now);
  const rules = rulesOf(cycle, envelope);
  const all = listProjects(db, { cycleId: cycle.id, envelopeId, shortlistedOnly: true });
  const matching = listProjectsFiltered(all, filter);
  const pageCount = Math.max(1, Math.ceil(matching.length / BALLOT_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  const shown = new Set(matching.slice((page - 1) * BALLOT_PAGE_SIZE, page * BALLOT_PAGE_SIZE).map((p) => p.id));
  const recorded = getOwnBallot(db, voterId, envelopeId);
  const draft = getOwnDraft(db, voterId, envelopeId);
  const start = draft ? draft.choices : (recorded?.choices.map((c) => [c.projectId, c.tokens] as [number, number]) ?? []);
  return {
    envelope: { id: envelope.id, districtId: envelope.districtId, amount: envelope.amount, nameEn: envelope.nameEn, nameFr: envelope.nameFr },
    rules,
    refusal,
    // A page of cards; the envelope's other projects only by id and cost (the totals and limits need them).
    projects: all.map((p) =>
      shown.has(p.id) ? { id: p.id, ideaId: p.ideaId, title: p.title, excerpt: shortExcerpt(p.excerpt), cost: p.cost, photo: p.photo, categoryId: p.categoryId, districtId: p.districtId, shown: true } : { id: p.id, cost: p.cost, shown: false },
    ),
    page,
    pageCount,
    matching: matching.length,
    choices: start,
    hasDraft: !!draft,
    recorded: recorded ? { receiptCode: recorded.receiptCode, castAt: recorded.castAt, source: recorded.source } : null,
  };
}

/** The person's ballots in a cycle, one per envelope they may vote in, each as recorded with its project titles and costs. */
export function listOwnBallots(db: Db, voterId: string, cycle: CycleRow) {
  const envelopes = listVoterEnvelopes(db, voterId, cycle);
  const projects = new Map(listProjects(db, { cycleId: cycle.id, shortlistedOnly: true }).map((p) => [p.id, p]));
  return envelopes.map((e) => {
    const own = getOwnBallot(db, voterId, e.id);
    return {
      envelopeId: e.id,
      nameEn: e.nameEn,
      nameFr: e.nameFr,
      draft: e.draft,
      ballot: own
        ? { source: own.source, receiptCode: own.receiptCode, castAt: own.castAt, choices: own.choices.map((c) => ({ ...c, ideaId: projects.get(c.projectId)?.ideaId ?? null, title: projects.get(c.projectId)?.title ?? "", cost: projects.get(c.projectId)?.cost ?? 0 })) }
        : null,
    };
  });
}

/**
 * Who may vote in a cycle, as subqueries of user ids for the notifications fan-out (placeholders
 * `cycleId` and `cutoff`, in seconds): confirmed accounts, neither suspended nor deleted nor
 * silenced now, with an envelope for them (city-wide, or their district as of the cutoff).
 */
const eligibleCondition = () => sql`${users.emailVerifiedAt} is not null and ${users.suspendedAt} is null and ${users.deletedAt} is null
  and (${users.silencedUntil} is null or ${users.silencedUntil} <= ${sql.placeholder("now")})
  and ${users.createdAt} <= ${sql.placeholder("createdBefore")}
  and exists (select 1 from ${budgetEnvelopes} where ${budgetEnvelopes.cycleId} = ${sql.placeholder("cycleId")} and (${budgetEnvelopes.districtId} is null or ${budgetEnvelopes.districtId} = (
    select ${homeDistrictHistory.districtId} from ${homeDistrictHistory} where ${homeDistrictHistory.userId} = ${users.id} and ${homeDistrictHistory.since} <= ${sql.placeholder("cutoff")}
    order by ${homeDistrictHistory.since} desc, ${homeDistrictHistory.id} desc limit 1)))`;

export const budgetRecipients = {
  /** Everyone who voted in one of the cycle's envelopes, online or on paper (told the results are out; never from what they chose). */
  voters: (qb: QueryBuilder) =>
    qb
      .selectDistinct({ userId: sql<string>`${ballotVoters.voterId}`.as("user_id") })
      .from(ballotVoters)
      .innerJoin(budgetEnvelopes, eq(budgetEnvelopes.id, ballotVoters.envelopeId))
      .where(eq(budgetEnvelopes.cycleId, sql.placeholder("cycleId"))),
  eligible: (qb: QueryBuilder) =>
    qb
      .select({ userId: sql<string>`${users.id}`.as("user_id") })
      .from(users)
      .where(eligibleCondition()),
  /** Eligible, and no ballot (online or paper) in any of the cycle's envelopes yet. */
  eligibleNotVoted: (qb: QueryBuilder) =>
    qb
      .select({ userId: sql<string>`${users.id}`.as("user_id") })
      .from(users)
      .where(
        sql`${eligibleCondition()} and not exists (select 1 from ${ballotVoters} join ${budgetEnvelopes} on ${budgetEnvelopes.id} = ${ballotVoters.envelopeId}
          where ${ballotVoters.voterId} = ${users.id} and ${budgetEnvelopes.cycleId} = ${sql.placeholder("cycleId")})`,
      ),
};

/** The placeholders of budgetRecipients for a cycle. */
export function budgetRecipientParams(cycle: CycleRow, now: Date) {
  return { cycleId: cycle.id, cutoff: Math.floor(cycle.residencyCutoffAt.getTime() / 1000), now: Math.floor(now.getTime() / 1000), createdBefore: Math.floor((now.getTime() - cycle.minAccountAgeDays * 86_400_000) / 1000) };
}

/** Cycles whose voting is open now, for the reminders job. */
export function listCyclesInVoting(db: Db, now = new Date()) {
  return cyclesInVoting(db, now);
}

/** What the budget gave each of these ideas: its official cost, in its cycle's currency, and the cycle (the tracker's "allocated"). */
export function fundingOf(db: Db, ideaIds: number[]) {
  if (ideaIds.length === 0) return new Map<number, { cost: number; currency: string; cycle: string; cycleName: string }>();
  const rows = prepared(db, `budgets:funding-of:${ideaIds.length}`, () =>
    db
      .select({ ideaId: budgetProjects.ideaId, cost: budgetProjects.cost, currency: budgetCycles.currency, cycle: budgetCycles.slug, cycleName: budgetCycles.name })
      .from(budgetProjects)
      .innerJoin(budgetCycles, eq(budgetCycles.id, budgetProjects.cycleId))
      .where(and(inList(budgetProjects.ideaId, ideaIds.length), isNotNull(budgetProjects.shortlistedAt)))
      .prepare(),
  ).all(listParams(ideaIds));
  return new Map(rows.map((r) => [r.ideaId, { cost: r.cost ?? 0, currency: r.currency, cycle: r.cycle, cycleName: r.cycleName }]));
}

/** The ideas a cycle put on its ballots (the tracker's cycle filter). */
export function ideaIdsOnBallot(db: Db, cycleSlug: string) {
  return db
    .select({ ideaId: budgetProjects.ideaId })
    .from(budgetProjects)
    .innerJoin(budgetCycles, eq(budgetCycles.id, budgetProjects.cycleId))
    .where(and(eq(budgetCycles.slug, cycleSlug), isNotNull(budgetProjects.shortlistedAt)))
    .all()
    .map((r) => r.ideaId);
}
