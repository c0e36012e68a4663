import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { budgetCycles, budgetEnvelopes, budgetProjects } from "#db/schema";
import type { VotingMethod, WinnerRule } from "~/modules/budgets/kinds";
import { createIdeaRow } from "./ideas";

const DAY = 86_400_000;

/** Where "now" falls in the cycle: its dates are set around the real clock (the database checks it too). */
export type CycleMoment = "draft" | "collecting" | "reviewing" | "voting" | "tallied";

export type CycleOverrides = Partial<{
  name: string;
  slug: string;
  currency: string;
  method: VotingMethod;
  winnerRule: WinnerRule;
  tokens: number;
  maxTokensPerProject: number | null;
  minApprovals: number;
  maxApprovals: number;
  minAccountAgeDays: number;
  secondAdminPublishes: boolean;
  residencyCutoffAt: Date;
  now: CycleMoment;
}>;

let counter = 0;

/** The phase dates that put `now` in the given phase (each phase lasts ten days around it). */
export function datesFor(moment: CycleMoment, now = Date.now()) {
  const start = { draft: 5, collecting: -5, reviewing: -15, voting: -25, tallied: -45 }[moment];
  const at = (days: number) => new Date(now + (start + days) * DAY);
  return { collectingAt: at(0), reviewingAt: at(10), votingAt: at(20), votingEndsAt: at(40) };
}

/** A cycle with its envelopes (amounts by district id, null for city-wide). */
export function createBudgetCycle(db: Db, envelopes: { districtId: number | null; amount: number }[], overrides: CycleOverrides = {}) {
  counter += 1;
  const dates = datesFor(overrides.now ?? "voting");
  const now = new Date();
  const cycle = db
    .insert(budgetCycles)
    .values({
      slug: overrides.slug ?? `cycle-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      name: overrides.name ?? `Budget ${counter}`,
      currency: overrides.currency ?? "EUR",
      method: overrides.method ?? "tokens",
      winnerRule: overrides.winnerRule ?? "greedy",
      tokens: overrides.tokens ?? 10,
      maxTokensPerProject: overrides.maxTokensPerProject === undefined ? null : overrides.maxTokensPerProject,
      minApprovals: overrides.minApprovals ?? 1,
      maxApprovals: overrides.maxApprovals ?? 5,
      minAccountAgeDays: overrides.minAccountAgeDays ?? 0,
      secondAdminPublishes: overrides.secondAdminPublishes ?? false,
      residencyCutoffAt: overrides.residencyCutoffAt ?? dates.reviewingAt,
      ...dates,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  const rows = envelopes.map((e) => db.insert(budgetEnvelopes).values({ cycleId: cycle.id, ...e }).returning().get());
  return { cycle, envelopes: rows };
}

/** An idea shortlisted onto an envelope's ballot with its official cost (as a review would leave it). */
export function createBallotProject(db: Db, cycleId: number, envelopeId: number, authorId: string, options: { cost: number; title?: string; districtId?: number | null; categoryId?: number | null }) {
  const idea = createIdeaRow(db, authorId, { status: "shortlisted", title: options.title, districtId: options.districtId ?? null, categoryId: options.categoryId ?? null });
  const now = new Date();
  return db
    .insert(budgetProjects)
    .values({ cycleId, envelopeId, ideaId: idea.id, feasibility: "feasible", cost: options.cost, shortlistedAt: now, reviewedAt: now, submittedBy: authorId, createdAt: now })
    .returning()
    .get();
}

/** Moves a cycle's dates so that now falls in the given phase (before any ballot: the rules lock after). */
export function setCycleMoment(db: Db, cycleId: number, moment: CycleMoment) {
  db.update(budgetCycles)
    .set({ ...datesFor(moment), updatedAt: new Date() })
    .where(eq(budgetCycles.id, cycleId))
    .run();
}
