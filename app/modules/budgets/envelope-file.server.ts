import { randomInt } from "node:crypto";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { ballotChoices, ballots, budgetProjects } from "#db/schema";
import { listIdeaCards } from "~/modules/ideas/audience.server";
import { envelopeFile } from "./count-core";
import type { CycleRow, EnvelopeRow } from "./queries.server";

function shuffle<T>(items: T[]) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * An envelope's anonymised ballots as its Pabulib file: every counted ballot (current online
 * versions and paper ones), in a random order numbered 1..n; only the envelope's ballot projects.
 * Nothing links a line to a person, a ballot row or a time.
 */
export function buildEnvelopeFile(db: Db, cycle: CycleRow, envelope: EnvelopeRow, locale: "en" | "fr" = "en") {
  const projects = db
    .select({ id: budgetProjects.id, cost: budgetProjects.cost, ideaId: budgetProjects.ideaId })
    .from(budgetProjects)
    .where(and(eq(budgetProjects.envelopeId, envelope.id), isNotNull(budgetProjects.shortlistedAt)))
    .orderBy(asc(budgetProjects.id))
    .all();
  const titles = listIdeaCards(
    db,
    projects.map((p) => p.ideaId),
  );
  // One row per ballot with its choices aggregated by the database: handing half a million rows
  // of choices to JavaScript cost more than reading them. string_agg is both SQLite's (3.44 on) and
  // PostgreSQL's. Each choice is one "project:tokens" item, so nothing depends on the order in
  // which the database aggregates; no ORDER BY, since the ballots are shuffled anyway.
  const rows = db
    .select({ choices: sql<string>`string_agg(cast(${ballotChoices.projectId} as text) || ':' || cast(${ballotChoices.tokens} as text), ',')` })
    .from(ballots)
    .innerJoin(ballotChoices, eq(ballotChoices.ballotId, ballots.id))
    .where(and(eq(ballots.envelopeId, envelope.id), isNull(ballots.supersededAt)))
    .groupBy(ballots.id)
    .values() as [string][];
  const envelopeName = (locale === "fr" ? envelope.nameFr : envelope.nameEn) ?? (locale === "fr" ? "Toute la ville" : "City-wide");
  return envelopeFile({
    description: `${cycle.name}: ${envelopeName}`,
    instance: `${cycle.slug}-${envelope.districtId === null ? "city" : `district-${envelope.districtId}`}`,
    currency: cycle.currency,
    budget: envelope.amount,
    method: cycle.method,
    winnerRule: cycle.winnerRule,
    tokens: cycle.tokens,
    maxTokensPerProject: cycle.maxTokensPerProject,
    minApprovals: cycle.minApprovals,
    maxApprovals: cycle.maxApprovals,
    projects: projects.map((p) => ({ id: p.id, cost: p.cost ?? 0, name: titles.get(p.ideaId)?.title ?? `Project ${p.id}` })),
    ballots: shuffle(rows.map(([choices]) => choices)),
  });
}

