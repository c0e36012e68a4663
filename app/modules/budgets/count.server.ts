import { createHash } from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { and, eq, inArray } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Db } from "#db/client";
import { budgetCounts, budgetProjects, budgetResults, users } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { listIdeaCards } from "~/modules/ideas/audience.server";
import { dbCache } from "~/utils/db-cache.server";
import type { FormatContext } from "~/utils/format";
import { log } from "~/utils/log.server";
import { countFile } from "./count-core";
import { buildEnvelopeFile } from "./envelope-file.server";
import type { StoredResult } from "./kinds";
import { phaseAt } from "./phases";
import { canManageBudgets } from "./policy";
import { loadCycle, type CycleRow } from "./queries.server";
import { resultsView, type ResultsEnvelopeView } from "./results-view";

/** Who counts: an admin from the cycle's page, or the operator with `npm run budget:count`. */
export type Counter = Actor | "command-line";

/** A count left "running" longer than this was interrupted (a restart): it may be started again. */
const STALE_COUNT_MS = 15 * 60_000;

type Counted = { envelopeId: number; pb: string; result: StoredResult };

const workerFile = fileURLToPath(new URL("../workers/count-worker.mjs", import.meta.url));

/**
 * Builds each envelope's file and counts it: in a worker thread when the built worker is there
 * (the production server; the worker reads the ballots through its own connection, so the
 * server's event loop only writes the results), else here, yielding between envelopes (tests,
 * development, the command line).
 */
function countEnvelopes(db: Db, cycle: CycleRow, onCounted: () => void): Promise<Counted[]> {
  const file = db.$client.name;
  if (!fs.existsSync(workerFile) || file === ":memory:") {
    return (async () => {
      const counted: Counted[] = [];
      for (const envelope of cycle.envelopes) {
        await new Promise((resolve) => setImmediate(resolve));
        const pb = buildEnvelopeFile(db, cycle, envelope);
        counted.push({ envelopeId: envelope.id, pb, result: countFile(pb) });
        onCounted();
      }
      return counted;
    })();
  }
  return new Promise((resolve, reject) => {
    const worker = countWorker();
    const job = ++jobs;
    const counted: Counted[] = [];
    const onMessage = (message: { job: number } & (({ type: "counted" } & Counted) | { type: "failed"; error: string } | { type: "end" })) => {
      if (message.job !== job) return;
      if (message.type === "counted") {
        counted.push({ envelopeId: message.envelopeId, pb: message.pb, result: message.result });
        onCounted();
        return;
      }
      worker.off("message", onMessage);
      worker.off("error", onError);
      if (message.type === "end") resolve(counted);
      else reject(new Error(message.error));
    };
    const onError = (error: Error) => {
      worker.off("message", onMessage);
      countWorkerThread = null;
      reject(error);
    };
    worker.on("message", onMessage);
    worker.once("error", onError);
    worker.postMessage({ job, file, cycleId: cycle.id });
  });
}

// One count worker per process, started on the first count and kept: its compiled engine stays
// warm for the next count (a cold start doubles the time of a big Equal Shares count).
let countWorkerThread: Worker | null = null;
let jobs = 0;
function countWorker() {
  if (!countWorkerThread) {
    countWorkerThread = new Worker(workerFile);
    // It must not keep the process alive (tests, scripts, a server shutting down).
    countWorkerThread.unref();
    countWorkerThread.on("exit", () => (countWorkerThread = null));
  }
  return countWorkerThread;
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
    // A new count withdraws any request to publish the previous one: the second admin confirms what they saw.
    const row = { cycleId, status: "running" as const, done: 0, envelopes: cycle.envelopes.length, startedAt: now, startedBy, finishedAt: null, error: null, publishRequestedBy: null, publishRequestedAt: null };
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
    // After the answer: the request that started the count does not wait for it.
    await new Promise((resolve) => setImmediate(resolve));
    let done_ = 0;
    const jobs = await countEnvelopes(db, cycle, () => {
      done_++;
      db.update(budgetCounts).set({ done: done_ }).where(eq(budgetCounts.cycleId, cycleId)).run();
    });
    const finished = new Date();
    return runCommand(db, (tx) => {
      if (countRow(tx, cycleId)?.publishedAt) return refuse("conflict", { message: "errors.count.published" });
      tx.delete(budgetResults).where(eq(budgetResults.cycleId, cycleId)).run();
      for (const job of jobs) {
        tx.insert(budgetResults)
          .values({ envelopeId: job.envelopeId, cycleId, rule: job.result.rule, pb: job.pb, sha256: createHash("sha256").update(job.pb).digest("hex"), result: job.result, countedAt: finished })
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
  const requester = row.publishRequestedBy ? db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, row.publishRequestedBy)).get() : undefined;
  return {
    status: row.status,
    done: row.done,
    envelopes: row.envelopes,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    // A pending request to publish, where a second admin must confirm.
    publishRequest: requester && row.publishRequestedAt ? { by: requester.id, name: requester.name, at: row.publishRequestedAt.toISOString() } : null,
  };
}

/** The stored results of a cycle's envelopes, by envelope (with the published files). */
export function listResults(db: Db, cycleId: number, envelopeIds?: number[]) {
  const rows = db
    .select()
    .from(budgetResults)
    .where(and(eq(budgetResults.cycleId, cycleId), envelopeIds ? inArray(budgetResults.envelopeId, envelopeIds) : undefined))
    .all();
  return new Map(rows.map((r) => [r.envelopeId, r]));
}

/** Who reads the results page: their language and number format, which its cached text is built for. */
export interface ResultsReader {
  locale: string;
  t: TFunction;
  format: FormatContext;
}

/**
 * A cycle's results, envelope by envelope: the rule, the winners in order, every project's
 * support, cost and why it was or was not funded, the ties that decided, the amount used and
 * left, and the published file's digest. Everyone gets them once published; admins before, as a
 * preview. Read from the count row alone (not getCountState, which also names who asked to publish).
 */
export function getResults(db: Db, cycle: CycleRow, viewerIsAdmin: boolean) {
  const row = countRow(db, cycle.id);
  const publishedAt = row?.publishedAt?.toISOString() ?? null;
  const published = publishedAt !== null;
  if (!row || (!published && !(viewerIsAdmin && row.status === "done"))) return { published, publishedAt, finishedAt: null, envelopes: [] };
  const finishedAt = row.finishedAt?.toISOString() ?? null;
  // Published results are final: they are read once a minute at most (titles may be edited).
  const envelopes = resultData.get(db, `${cycle.id}:${finishedAt}:${published}`, () => resultEnvelopes(db, cycle));
  return { published, publishedAt, finishedAt, envelopes };
}

/** The results page's text for this reader, built once per count, language and number format. */
export function getResultsPage(db: Db, cycle: CycleRow, viewerIsAdmin: boolean, reader: ResultsReader) {
  const { published, finishedAt, envelopes } = getResults(db, cycle, viewerIsAdmin);
  if (envelopes.length === 0) return { published, envelopes: [] };
  const { locale, t, format } = reader;
  const key = `${cycle.id}:${finishedAt}:${published}:${locale}:${format.locale}`;
  return { published, envelopes: resultPages.get(db, key, () => resultsView(envelopes, locale, t, { ...format, currency: cycle.currency })) };
}

const resultData = dbCache<ReturnType<typeof resultEnvelopes>>(60_000, 50);
const resultPages = dbCache<ResultsEnvelopeView[]>(60_000, 50);

function resultEnvelopes(db: Db, cycle: CycleRow) {
  // The results without their files (a big envelope's file is megabytes).
  const results = new Map(
    db
      .select({ envelopeId: budgetResults.envelopeId, sha256: budgetResults.sha256, result: budgetResults.result })
      .from(budgetResults)
      .where(eq(budgetResults.cycleId, cycle.id))
      .all()
      .map((r) => [r.envelopeId, r]),
  );
  const projects = db.select({ id: budgetProjects.id, ideaId: budgetProjects.ideaId }).from(budgetProjects).where(eq(budgetProjects.cycleId, cycle.id)).all();
  const ideaOf = new Map(projects.map((p) => [String(p.id), p.ideaId]));
  const cards = listIdeaCards(
    db,
    projects.map((p) => p.ideaId),
  );
  return cycle.envelopes.flatMap((e) => {
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
    });
}

/** A published envelope's file, for its download; null before publication. */
export function getPublishedFile(db: Db, cycleId: number, envelopeId: number) {
  if (!isPublished(db, cycleId)) return null;
  const row = db.select({ pb: budgetResults.pb, sha256: budgetResults.sha256 }).from(budgetResults).where(and(eq(budgetResults.cycleId, cycleId), eq(budgetResults.envelopeId, envelopeId))).get();
  return row ?? null;
}
