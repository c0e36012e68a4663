import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { BALLOT_SOURCES, COUNT_STATUSES, FEASIBILITY, PAPER_ENTRY_STATUSES, VOTING_METHODS, WINNER_RULES, type StoredResult } from "../../app/modules/budgets/kinds";
import { ideas } from "./ideas";
import { districts } from "./places";
import { users } from "./users";

/**
 * A participatory budget cycle. Its phase is never stored: it follows from the dates and the
 * server clock (app/modules/budgets/phases.ts). Amounts are whole units of `currency`.
 */
export const budgetCycles = sqliteTable(
  "budget_cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    currency: text("currency").notNull(),
    method: text("method", { enum: VOTING_METHODS }).notNull().default("tokens"),
    winnerRule: text("winner_rule", { enum: WINNER_RULES }).notNull().default("greedy"),
    tokens: integer("tokens").notNull().default(10),
    maxTokensPerProject: integer("max_tokens_per_project"),
    minApprovals: integer("min_approvals").notNull().default(1),
    maxApprovals: integer("max_approvals").notNull().default(5),
    minAccountAgeDays: integer("min_account_age_days").notNull().default(0),
    // Four eyes on the outcome: one admin asks to publish the count, another confirms (a rule, locked with the others).
    secondAdminPublishes: integer("second_admin_publishes", { mode: "boolean" }).notNull().default(false),
    // The day a district envelope's residents are counted: a later move does not change where one votes.
    residencyCutoffAt: integer("residency_cutoff_at", { mode: "timestamp" }).notNull(),
    collectingAt: integer("collecting_at", { mode: "timestamp" }).notNull(),
    reviewingAt: integer("reviewing_at", { mode: "timestamp" }).notNull(),
    votingAt: integer("voting_at", { mode: "timestamp" }).notNull(),
    votingEndsAt: integer("voting_ends_at", { mode: "timestamp" }).notNull(),
    votingClosedEarlyAt: integer("voting_closed_early_at", { mode: "timestamp" }),
    implementingAt: integer("implementing_at", { mode: "timestamp" }),
    closedAt: integer("closed_at", { mode: "timestamp" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    index("budget_cycles_voting_idx").on(t.votingAt, t.votingEndsAt),
    check("budget_cycles_dates", sql`${t.collectingAt} < ${t.reviewingAt} and ${t.reviewingAt} < ${t.votingAt} and ${t.votingAt} < ${t.votingEndsAt}`),
    check("budget_cycles_tokens", sql`${t.tokens} between 1 and 1000 and (${t.maxTokensPerProject} is null or ${t.maxTokensPerProject} between 1 and ${t.tokens})`),
    check("budget_cycles_approvals", sql`${t.minApprovals} >= 1 and ${t.maxApprovals} >= ${t.minApprovals}`),
  ],
);

/** A share of a cycle's budget: city-wide (no district) or one district's, each with its amount. */
export const budgetEnvelopes = sqliteTable(
  "budget_envelopes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => budgetCycles.id),
    districtId: integer("district_id").references(() => districts.id),
    amount: integer("amount").notNull(),
  },
  (t) => [
    uniqueIndex("budget_envelopes_district_idx").on(t.cycleId, t.districtId),
    // SQLite's unique index lets NULLs repeat: one city-wide envelope per cycle needs its own.
    uniqueIndex("budget_envelopes_city_idx").on(t.cycleId).where(sql`${t.districtId} is null`),
    check("budget_envelopes_amount", sql`${t.amount} > 0`),
  ],
);

/**
 * An idea submitted into a cycle's envelope; after review, feasible ones with an official cost
 * may be shortlisted as ballot projects. One entry per idea per cycle.
 */
export const budgetProjects = sqliteTable(
  "budget_projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => budgetCycles.id),
    envelopeId: integer("envelope_id")
      .notNull()
      .references(() => budgetEnvelopes.id),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id),
    feasibility: text("feasibility", { enum: FEASIBILITY }).notNull().default("pending"),
    cost: integer("cost"),
    reviewNote: text("review_note"),
    reviewNoteHtml: text("review_note_html"),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: integer("reviewed_at", { mode: "timestamp" }),
    shortlistedAt: integer("shortlisted_at", { mode: "timestamp" }),
    submittedBy: text("submitted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    uniqueIndex("budget_projects_idea_idx").on(t.cycleId, t.ideaId),
    index("budget_projects_envelope_idx").on(t.envelopeId, t.shortlistedAt),
    check("budget_projects_cost", sql`${t.cost} is null or ${t.cost} > 0`),
    check("budget_projects_shortlist", sql`${t.shortlistedAt} is null or (${t.feasibility} = 'feasible' and ${t.cost} is not null)`),
  ],
);

/**
 * A ballot as cast: which envelope, a receipt code, and nothing about who cast it. An edit writes a
 * new ballot and marks the old one superseded; only current ballots are counted.
 */
export const ballots = sqliteTable(
  "ballots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    envelopeId: integer("envelope_id")
      .notNull()
      .references(() => budgetEnvelopes.id),
    receiptCode: text("receipt_code").notNull().unique(),
    source: text("source", { enum: BALLOT_SOURCES }).notNull(),
    castAt: integer("cast_at", { mode: "timestamp" }).notNull(),
    supersededAt: integer("superseded_at", { mode: "timestamp" }),
    // A paper ballot's printed serial (batch-sequence): each paper counts once.
    paperSerial: text("paper_serial"),
  },
  (t) => [index("ballots_envelope_idx").on(t.envelopeId, t.supersededAt), uniqueIndex("ballots_paper_serial_idx").on(t.envelopeId, t.paperSerial).where(sql`${t.paperSerial} is not null`)],
);

/** A ballot's choices: tokens per project (1 for approval and knapsack). */
export const ballotChoices = sqliteTable(
  "ballot_choices",
  {
    ballotId: integer("ballot_id")
      .notNull()
      .references(() => ballots.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => budgetProjects.id),
    tokens: integer("tokens").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.projectId] }), index("ballot_choices_project_idx").on(t.projectId), check("ballot_choices_tokens", sql`${t.tokens} >= 1`)],
);

/**
 * The one place where a person and a ballot meet: (voter, envelope) -> their current ballot, for
 * the owner to check and change it. The primary key is the rule "one ballot per voter per
 * envelope". A paper vote marked by staff has no online ballot (`ballot_id` null, source paper).
 * Deleting the link (an account deleted) keeps the ballot, separated from the person.
 */
export const ballotVoters = sqliteTable(
  "ballot_voters",
  {
    envelopeId: integer("envelope_id")
      .notNull()
      .references(() => budgetEnvelopes.id),
    voterId: text("voter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ballotId: integer("ballot_id")
      .unique()
      .references(() => ballots.id),
    source: text("source", { enum: BALLOT_SOURCES }).notNull(),
    votedAt: integer("voted_at", { mode: "timestamp" }).notNull(),
    markedBy: text("marked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.envelopeId, t.voterId] }), index("ballot_voters_voter_idx").on(t.voterId)],
);

/**
 * A ballot being chosen and not yet submitted. It never touches the submitted ballot: leaving with
 * a draft keeps the last submitted version counting. `token` makes a confirmation idempotent.
 */
export const ballotDrafts = sqliteTable(
  "ballot_drafts",
  {
    envelopeId: integer("envelope_id")
      .notNull()
      .references(() => budgetEnvelopes.id),
    voterId: text("voter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    choices: text("choices", { mode: "json" }).$type<[number, number][]>().notNull(),
    token: text("token").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.envelopeId, t.voterId] }), index("ballot_drafts_voter_idx").on(t.voterId)],
);

/**
 * Paper ballots as council staff type them in, one row per paper per person: a paper counts only
 * when two different staff members entered the same choices for its serial (the ballot is then
 * written, source paper); entries that disagree are flagged for review.
 */
export const paperBallotEntries = sqliteTable(
  "paper_ballot_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    envelopeId: integer("envelope_id")
      .notNull()
      .references(() => budgetEnvelopes.id),
    batch: text("batch").notNull(),
    sequence: integer("sequence").notNull(),
    choices: text("choices", { mode: "json" }).$type<[number, number][]>().notNull(),
    enteredBy: text("entered_by")
      .notNull()
      .references(() => users.id),
    enteredAt: integer("entered_at", { mode: "timestamp" }).notNull(),
    status: text("status", { enum: PAPER_ENTRY_STATUSES }).notNull().default("pending"),
    ballotId: integer("ballot_id").references(() => ballots.id),
  },
  (t) => [uniqueIndex("paper_entries_once_idx").on(t.envelopeId, t.batch, t.sequence, t.enteredBy), index("paper_entries_serial_idx").on(t.envelopeId, t.batch, t.sequence), index("paper_entries_status_idx").on(t.envelopeId, t.status)],
);

/**
 * A cycle's count: where it stands (a worker thread counts; the admin's page shows the progress)
 * and when it was published. One row per cycle; counting again before publication replaces it.
 */
export const budgetCounts = sqliteTable("budget_counts", {
  cycleId: integer("cycle_id")
    .primaryKey()
    .references(() => budgetCycles.id),
  status: text("status", { enum: COUNT_STATUSES }).notNull(),
  // Envelopes counted so far, of `envelopes`.
  done: integer("done").notNull().default(0),
  envelopes: integer("envelopes").notNull(),
  startedAt: integer("started_at", { mode: "timestamp" }).notNull(),
  startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
  finishedAt: integer("finished_at", { mode: "timestamp" }),
  error: text("error"),
  publishedAt: integer("published_at", { mode: "timestamp" }),
  publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
  // Where a second admin must confirm: who asked to publish this count, and when (a recount clears it).
  publishRequestedBy: text("publish_requested_by").references(() => users.id, { onDelete: "set null" }),
  publishRequestedAt: integer("publish_requested_at", { mode: "timestamp" }),
});

/**
 * One envelope's counted result: the anonymised ballots as published (Pabulib text, random voter
 * ids, no times), its SHA-256, and the engine's result (winners in order, each project's support,
 * cost and explanation, ties). Written from the ballots alone: deleting an account changes nothing.
 */
export const budgetResults = sqliteTable("budget_results", {
  envelopeId: integer("envelope_id")
    .primaryKey()
    .references(() => budgetEnvelopes.id),
  cycleId: integer("cycle_id")
    .notNull()
    .references(() => budgetCycles.id),
  rule: text("rule").notNull(),
  pb: text("pb").notNull(),
  sha256: text("sha256").notNull(),
  result: text("result", { mode: "json" }).$type<StoredResult>().notNull(),
  countedAt: integer("counted_at", { mode: "timestamp" }).notNull(),
});
