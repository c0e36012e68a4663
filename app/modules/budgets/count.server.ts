import { createHash, randomInt } from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { ballotChoices, ballots, budgetCounts, budgetProjects, budgetResults } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { listIdeaCards } from "~/modules/ideas/audience.server";
import { log } from "~/utils/log.server";
import { countFile, envelopeFile } from "./count-core";
import type { StoredResult } from "./kinds";
import { phaseAt } from "./phases";
import { canManageBudgets } from "./policy";
import { loadCycle, type CycleRow, type EnvelopeRow } from "./queries.server";

/** Who counts: an admin from the cycle's page, or the operator with `npm run budget:count`. */
export type Counter = Actor | "command-line";

/** A count left "running" longer than this was interrupted (a restart): it may be started again. */
const STALE_COUNT_MS = 15 * 60_000;

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
  const rows = db
    .select({ ballotId: ballotChoices.ballotId, projectId: ballotChoices.projectId, tokens: ballotChoices.tokens })
    .from(ballotChoices)
    .innerJoin(ballots, eq(ballots.id, ballotChoices.ballotId))
    .where(and(eq(ballots.envelopeId, envelope.id), isNull(ballots.supersededAt)))
    .orderBy(asc(ballotChoices.ballotId), asc(ballotChoices.projectId))
    .all();
  const byBallot = new Map<number, [number, number][]>();
  for (const r of rows) {
    let choices = byBallot.get(r.ballotId);
    if (!choices) byBallot.set(r.ballotId, (choices = []));
    choices.push([r.projectId, r.tokens]);
  }
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
    ballots: shuffle([...byBallot.values()]),
  });
}

type Job = { envelopeId: number; pb: string };

const workerFile = fileURLToPath(new URL("../workers/count-worker.mjs", import.meta.url));

/**
 * Counts the files in a worker thread when the built worker is there (the production server),
 * else here, yielding between envelopes (tests, development, the command line).
 */
function countFiles(jobs: Job[], onCounted: (envelopeId: number) => void): Promise<Map<number, StoredResult>> {
  const results = new Map<number, StoredResult>();
  if (!fs.existsSync(workerFile)) {
    return (async () => {
      for (const job of jobs) {
        await new Promise((resolve) => setImmediate(resolve));
        results.set(job.envelopeId, countFile(job.pb));
        onCounted(job.envelopeId);
      }
      return results;
    })();
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile);
    worker.on("message", (message: { type: "counted"; envelopeId: number; result: StoredResult } | { type: "failed"; error: string } | { type: "end" }) => {
      if (message.type === "counted") {
        results.set(message.envelopeId, message.result);
        onCounted(message.envelopeId);
      } else {
        void worker.terminate();
        if (message.type === "end") resolve(results);
        else reject(new Error(message.error));
      }
    });
    worker.on("error", reject);
    worker.postMessage(jobs);
  });
}

function countRow(db: Db, cycleId: number) {
  return db.select().from(budgetCounts).where(eq(budgetCounts.cycleId, cycleId)).get() ?? null;
}

/**
 * Starts counting a cycle once voting has closed: every envelope with the cycle's rule, in a
 * worker thread, the progress recorded envelope by envelope. The results replace any earlier
 * count (counting again before publication gives the same winners: the rule is deterministic);
 * once published nothing changes. Answers at once (refused, or started); `finished` settles when
 * the results are written.
 */
export function startCount(db: Db, counter: Counter, cycleId: number, now = new Date()): Outcome<{ finished: Promise<Outcome<{ envelopes: number }>> }> {
  if (counter !== "command-line" && !canManageBudgets(counter)) return refuse("forbidden");
  const startedBy = counter === "command-line" ? null : counter.id;
  const started = runCommand(db, (tx) => {
    const cycle = loadCycle(tx, cycleId);
    if (!cycle) return refuse("notFound");
    const phase = phaseAt(cycle, now);
    if (phase === "draft" || phase === "collecting" || phase === "reviewing" || phase === "voting") return refuse("closed", { message: "errors.count.votingNotClosed" });
    const current = countRow(tx, cycleId);
    if (current?.publishedAt) return refuse("conflict", { message: "errors.count.published" });
    if (current?.status === "running" && now.getTime() - current.startedAt.getTime() < STALE_COUNT_MS) return refuse("conflict", { message: "errors.count.running" });
    const row = { cycleId, status: "running" as const, done: 0, envelopes: cycle.envelopes.length, startedAt: now, startedBy, finishedAt: null, error: null };
    tx.insert(budgetCounts).values(row).onConflictDoUpdate({ target: budgetCounts.cycleId, set: row }).run();
    return done(cycle);
  });
  if (!started.ok) return started;
  return { ok: true, value: { finished: finishCount(db, counter, started.value) } };
}

/** Counts and waits for the results (the command line, tests, the demo seed). */
export async function countCycle(db: Db, counter: Counter, cycleId: number, now = new Date()): Promise<Outcome<{ envelopes: number }>> {
  const started = startCount(db, counter, cycleId, now);
  return started.ok ? await started.value.finished : started;
}

async function finishCount(db: Db, counter: Counter, cycle: CycleRow): Promise<Outcome<{ envelopes: number }>> {
  const cycleId = cycle.id;
  const startedBy = counter === "command-line" ? null : counter.id;
  try {
    // Built after the answer: the request that started the count does not wait for it.
    await new Promise((resolve) => setImmediate(resolve));
    const jobs = cycle.envelopes.map((e) => ({ envelopeId: e.id, pb: buildEnvelopeFile(db, cycle, e) }));
    let counted = 0;
    const results = await countFiles(jobs, () => {
      counted++;
      db.update(budgetCounts).set({ done: counted }).where(eq(budgetCounts.cycleId, cycleId)).run();
    });
    const finished = new Date();
    return runCommand(db, (tx) => {
      if (countRow(tx, cycleId)?.publishedAt) return refuse("conflict", { message: "errors.count.published" });
      tx.delete(budgetResults).where(eq(budgetResults.cycleId, cycleId)).run();
      for (const job of jobs) {
        const result = results.get(job.envelopeId)!;
        tx.insert(budgetResults)
          .values({ envelopeId: job.envelopeId, cycleId, rule: result.rule, pb: job.pb, sha256: createHash("sha256").update(job.pb).digest("hex"), result, countedAt: finished })
          .run();
      }
      tx.update(budgetCounts).set({ status: "done", done: jobs.length, finishedAt: finished }).where(eq(budgetCounts.cycleId, cycleId)).run();
      recordAudit(tx, { actorId: startedBy, action: "budget.counted", targetType: "budget_cycle", targetId: String(cycleId), details: { envelopes: jobs.length, by: counter === "command-line" ? "command line" : "admin" } });
      return done({ envelopes: jobs.length });
    });
  } catch (error) {
    log.error("budget count failed", { cycleId, error });
    db.update(budgetCounts)
      .set({ status: "failed", error: String(error instanceof Error ? error.message : error).slice(0, 500), finishedAt: new Date() })
      .where(eq(budgetCounts.cycleId, cycleId))
      .run();
    return refuse("conflict", { message: "errors.count.failed" });
  }
}

/** Whether the cycle's count has been published (results, files and statuses are then final). */
export function isPublished(db: Db, cycleId: number) {
  return !!countRow(db, cycleId)?.publishedAt;
}

/** The count's state for the admin's page: not started, running (envelopes done of all), done, failed, published. */
export function getCountState(db: Db, cycleId: number) {
  const row = countRow(db, cycleId);
  if (!row) return null;
  return { status: row.status, done: row.done, envelopes: row.envelopes, startedAt: row.startedAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null, error: row.error, publishedAt: row.publishedAt?.toISOString() ?? null };
}

/** The stored results of a cycle's envelopes, by envelope. */
export function listResults(db: Db, cycleId: number, envelopeIds?: number[]) {
  const rows = db
    .select()
    .from(budgetResults)
    .where(and(eq(budgetResults.cycleId, cycleId), envelopeIds ? inArray(budgetResults.envelopeId, envelopeIds) : undefined))
    .all();
  return new Map(rows.map((r) => [r.envelopeId, r]));
}

/**
 * A cycle's results page: per envelope the rule, the winners in order, every project's support,
 * cost and why it was or was not funded, the ties that decided, the amount used and left, and the
 * published file's digest. Shown to everyone once published; to admins before, as a preview.
 */
export function getResultsPage(db: Db, cycle: CycleRow, viewerIsAdmin: boolean) {
  const count = getCountState(db, cycle.id);
  const published = !!count?.publishedAt;
  if (!published && !(viewerIsAdmin && count?.status === "done")) return { published, count, envelopes: [] };
  const results = listResults(db, cycle.id);
  const projects = db.select({ id: budgetProjects.id, ideaId: budgetProjects.ideaId }).from(budgetProjects).where(eq(budgetProjects.cycleId, cycle.id)).all();
  const ideaOf = new Map(projects.map((p) => [String(p.id), p.ideaId]));
  const cards = listIdeaCards(
    db,
    projects.map((p) => p.ideaId),
  );
  return {
    published,
    count,
    envelopes: cycle.envelopes.flatMap((e) => {
      const stored = results.get(e.id);
      if (!stored) return [];
      const r = stored.result;
      const titleOf = (id: string) => cards.get(ideaOf.get(id) ?? -1)?.title ?? id;
      return [
        {
          id: e.id,
          nameEn: e.nameEn,
          nameFr: e.nameFr,
          rule: r.rule,
          budget: Number(r.budget),
          used: Number(r.cost),
          voters: r.voters,
          sha256: stored.sha256,
          share: r.equalShares?.share ?? null,
          projects: [...r.projects]
            .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || b.score - a.score)
            .map((p) => ({ ...p, cost: Number(p.cost), title: titleOf(p.id), ideaId: ideaOf.get(p.id) ?? null })),
          ties: r.ties.map((t) => ({ ...t, winnerTitle: titleOf(t.winner), loserTitle: titleOf(t.loser) })),
        },
      ];
    }),
  };
}

/** A published envelope's file, for its download; null before publication. */
export function getPublishedFile(db: Db, cycleId: number, envelopeId: number) {
  if (!isPublished(db, cycleId)) return null;
  const row = db.select({ pb: budgetResults.pb, sha256: budgetResults.sha256 }).from(budgetResults).where(and(eq(budgetResults.cycleId, cycleId), eq(budgetResults.envelopeId, envelopeId))).get();
  return row ?? null;
}
