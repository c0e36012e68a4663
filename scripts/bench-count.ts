// The count benchmark (issue 12): a city-wide envelope of the size the issue names counted by the
// production server, in its worker thread, while pages are served.
// Usage: tsx scripts/bench-count.ts [--voters 100000] [--duration 10] [--connections 10] [--port 3340]
// 1. A fresh database (data/bench-count.db): a closed cycle with the generated envelope of
//    scripts/bench-tally-envelope.ts (100,000 voters approving 1-10 of 150 projects, Zipf-like;
//    Equal Shares with completion) as ballots, and an admin with a session.
// 2. The server (NODE_ENV=production, the built worker). The trivial page's p99 at rest (autocannon
//    as its own process); then the same load while the admin's "Count" is pressed again and again,
//    each count timed from the button to the written results.
// Targets: each count under 2 s; the trivial page's p99 while counting within twice its p99 at rest.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { budgetCounts, budgetProjects, sessions, users } from "../db/schema";
import { createBallotProject, createBudgetCycle } from "../tests/factories/budgets";
import { generatedEnvelope } from "./bench-tally-envelope";
import { loadTest, probe, ROOT, SetupError, startServer, status, stopChild, waitForHealth } from "./bench-server";

const TARGETS = { countSeconds: 2, tailFactor: 2 };

function options() {
  const { values } = parseArgs({ options: { voters: { type: "string", default: "100000" }, duration: { type: "string", default: "10" }, connections: { type: "string", default: "10" }, port: { type: "string", default: "3340" } } });
  const int = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new SetupError(`--${name} must be a positive integer`);
    return n;
  };
  return { voters: int("voters"), duration: int("duration"), connections: int("connections"), port: int("port"), database: path.join(ROOT, "data/bench-count.db") };
}

function buildDatabase(file: string, voters: number) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = openDatabase(file);
  applyMigrations(db);
  const election = generatedEnvelope(20260101, voters, 150);
  const now = new Date();
  db.insert(users).values({ id: "bench-admin", email: "admin@bench.example", displayName: "Bench admin", passwordHash: "x", role: "admin", emailVerifiedAt: now, createdAt: now }).run();
  const budget = Number(election.budget.units);
  const { cycle, envelopes } = createBudgetCycle(db, [{ districtId: null, amount: budget }], { slug: "bench-count", name: "Bench count", method: "approval", winnerRule: "equal_shares", minApprovals: 1, maxApprovals: 10 });
  const ids = new Map(election.projects.map((p) => [p.id, createBallotProject(db, cycle.id, envelopes[0].id, "bench-admin", { cost: Number(p.cost.units), title: `Project ${p.id}` }).id]));
  db.$client.pragma("synchronous = OFF");
  const ballot = db.$client.prepare("INSERT INTO ballots (envelope_id, receipt_code, source, cast_at) VALUES (?, ?, 'online', ?) RETURNING id").pluck();
  const choice = db.$client.prepare("INSERT INTO ballot_choices (ballot_id, project_id, tokens) VALUES (?, ?, 1)");
  const at = Math.floor(Date.now() / 1000);
  db.$client.transaction(() => {
    for (const [i, b] of election.ballots.entries()) {
      const id = ballot.get(envelopes[0].id, `B${i}`, at) as number;
      for (const p of b.vote) choice.run(id, ids.get(p));
    }
  })();
  db.run(sql`update budget_cycles set voting_ends_at = ${at - 60} where id = ${cycle.id}`);
  const token = crypto.randomBytes(20).toString("hex");
  db.insert(sessions).values({ id: crypto.createHash("sha256").update(token).digest("hex"), userId: "bench-admin", expiresAt: at + 86_400, createdAt: at }).run();
  const projects = db.select({ n: sql<number>`count(*)` }).from(budgetProjects).get()!.n;
  db.$client.close();
  return { cycleId: cycle.id, token, projects };
}

async function main() {
  const o = options();
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js")) || !fs.existsSync(path.join(ROOT, "build/workers/count-worker.mjs"))) throw new SetupError("No production build with its worker: run `npm run build` first.");
  const base = `http://127.0.0.1:${o.port}`;
  if ((await status(`${base}/healthz`)) !== 0) throw new SetupError(`Something already answers on port ${o.port}; pass --port.`);
  console.log(`Building ${path.relative(ROOT, o.database)}: ${o.voters} ballots on 150 projects ...`);
  const built = buildDatabase(o.database, o.voters);
  const server = startServer({ port: o.port, database: o.database });
  const db = openDatabase(o.database);
  const counts: number[] = [];
  try {
    await waitForHealth(base, server.child, server.output);
    const headers = { Cookie: `__Host-civic_session=${built.token}`, Origin: base, "Content-Type": "application/x-www-form-urlencoded" };
    const countOnce = async () => {
      const started = performance.now();
      const answer = await probe(`${base}/admin/budgets/${built.cycleId}`, { method: "POST", headers, body: "intent=count" });
      if (answer.status !== 303) throw new SetupError(`Count answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      for (;;) {
        const row = db.select({ status: budgetCounts.status }).from(budgetCounts).where(eq(budgetCounts.cycleId, built.cycleId)).get();
        if (row?.status === "done") break;
        if (row?.status === "failed") throw new SetupError("the count failed (see the server's log)");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      counts.push((performance.now() - started) / 1000);
    };
    await countOnce(); // warm: the worker's code, the pages
    await countOnce();
    const atRest = counts[1];
    counts.length = 0;
    const load = (seconds: number) => loadTest(`${base}/privacy`, { connections: o.connections, duration: seconds, method: "GET", headers: {} });
    await load(2);
    const rest = await load(o.duration);
    let loading = true;
    const busy = load(o.duration).finally(() => (loading = false));
    while (loading) await countOnce();
    const counting = await busy;
    const slowest = Math.max(...counts);
    console.log(`\nA count with no other load: ${atRest.toFixed(2)} s.`);
    console.log(`Counts during the load: ${counts.length}, ${counts.map((s) => s.toFixed(2)).join(", ")} s (button to written results; ${o.voters} voters, ${built.projects} projects, Equal Shares with completion).`);
    console.log(`Trivial page at rest: ${rest.requestsPerSecond.toFixed(0)} req/s, p50 ${rest.p50Ms} ms, p99 ${rest.p99Ms} ms.`);
    console.log(`Trivial page while counting: ${counting.requestsPerSecond.toFixed(0)} req/s, p50 ${counting.p50Ms} ms, p99 ${counting.p99Ms} ms (${(counting.p99Ms / Math.max(1, rest.p99Ms)).toFixed(2)} x at rest).`);
    const ok = slowest < TARGETS.countSeconds && counting.p99Ms <= TARGETS.tailFactor * rest.p99Ms;
    console.log(`Targets: each count < ${TARGETS.countSeconds} s (slowest ${slowest.toFixed(2)} s); p99 while counting <= ${TARGETS.tailFactor} x at rest: ${ok ? "met" : "missed"}.`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    db.$client.close();
    await stopChild(server.child);
  }
}

main().catch((error) => {
  console.error(error instanceof SetupError ? error.message : error);
  process.exit(2);
});
