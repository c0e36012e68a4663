// The ballots benchmark (issue 11): ballots cast through the real production server, with the
// database at synchronous=FULL, from many distinct voters at once, then counted.
// Usage: tsx scripts/bench-ballots.ts [--voters 10000] [--projects 150] [--concurrency 64]
//        [--rounds 2] [--port 3330] [--database data/bench-ballots.db]
// 1. A fresh database: a cycle in voting, one city-wide envelope with --projects ballot
//    projects, --voters verified residents each with a live session (made directly, as sign-in
//    would leave them).
// 2. The server (node server.js, NODE_ENV=production) on it; the load generator
//    (scripts/bench-ballots-load.ts) as its own process: every voter casts a ballot, then, each
//    further round, changes it (a new version supersedes the old). A ballot is two requests, the
//    choices and the confirmation.
// 3. Counted afterwards in the database: every acknowledged ballot is there (zero lost), one
//    current ballot per voter, no version over the tokens.
// Target: >= 500 acknowledged ballots per second, none lost. Exit 0 met, 1 missed, 2 setup error.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { sessions, users } from "../db/schema";
import { createBallotProject, createBudgetCycle } from "../tests/factories/budgets";
import { ROOT, SetupError, startServer, status, stopChild, waitForHealth } from "./bench-server";

const TARGET_PER_SECOND = 500;

function options() {
  const { values } = parseArgs({
    options: {
      voters: { type: "string", default: "10000" },
      projects: { type: "string", default: "150" },
      concurrency: { type: "string", default: "64" },
      rounds: { type: "string", default: "2" },
      port: { type: "string", default: "3330" },
      database: { type: "string", default: "data/bench-ballots.db" },
    },
  });
  const int = (name: "voters" | "projects" | "concurrency" | "rounds" | "port") => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new SetupError(`--${name} must be a positive integer`);
    return n;
  };
  return { voters: int("voters"), projects: int("projects"), concurrency: int("concurrency"), rounds: int("rounds"), port: int("port"), database: path.resolve(String(values.database)) };
}

function buildDatabase(file: string, voters: number, projectCount: number) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = openDatabase(file);
  applyMigrations(db);
  const now = new Date();
  const monthAgo = new Date(Date.now() - 30 * 86_400_000);
  db.insert(users).values({ id: "bench-author", email: "author@bench.example", displayName: "Bench author", passwordHash: "x", emailVerifiedAt: now, createdAt: monthAgo }).run();
  const { cycle, envelopes } = createBudgetCycle(db, [{ districtId: null, amount: 5_000_000 }], { slug: "bench-budget", name: "Bench budget", tokens: 10, maxTokensPerProject: 5 });
  const projects = Array.from({ length: projectCount }, (_, i) => createBallotProject(db, cycle.id, envelopes[0].id, "bench-author", { cost: 10_000 + i * 1_000, title: `Bench project ${i + 1}` }).id);
  const tokens: string[] = [];
  const expiresAt = Math.floor(Date.now() / 1000) + 14 * 86_400;
  db.$client.transaction(() => {
    for (let i = 0; i < voters; i++) {
      const id = `voter${i}`;
      db.insert(users).values({ id, email: `${id}@bench.example`, displayName: `Voter ${i}`, passwordHash: "x", emailVerifiedAt: now, createdAt: monthAgo }).run();
      const token = crypto.randomBytes(20).toString("hex");
      db.insert(sessions).values({ id: crypto.createHash("sha256").update(token).digest("hex"), userId: id, expiresAt, createdAt: Math.floor(Date.now() / 1000) }).run();
      tokens.push(token);
    }
  })();
  db.$client.close();
  return { slug: cycle.slug, envelopeId: envelopes[0].id, projects, tokens };
}

function runLoad(input: object) {
  return new Promise<{ acknowledged: number; failed: number; statuses: Record<string, number>; chooseSeconds: number; submitSeconds: number; latencies: { p50: number; p99: number; max: number } }>((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/bench-ballots-load.ts")], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.on("exit", (code) => {
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)!));
      } catch {
        reject(new Error(`load generator exited ${code}: ${out.slice(0, 500)}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

async function main() {
  const o = options();
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) throw new SetupError("No production build: run `npm run build` first.");
  const base = `http://127.0.0.1:${o.port}`;
  if ((await status(`${base}/healthz`)) !== 0) throw new SetupError(`Something already answers on port ${o.port}; pass --port.`);
  console.log(`Building ${path.relative(ROOT, o.database)}: ${o.voters} voters with sessions, ${o.projects} projects ...`);
  const built = buildDatabase(o.database, o.voters, o.projects);
  const server = startServer({ port: o.port, database: o.database });
  let result;
  try {
    await waitForHealth(base, server.child, server.output);
    const probe = await fetch(`${base}/budgets/${built.slug}`);
    if (probe.status !== 200) throw new SetupError(`GET /budgets/${built.slug} answered ${probe.status}`);
    console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}; server synchronous=FULL; ${o.concurrency} voters at a time, ${o.rounds} round(s) (the first casts, the others change the ballot).`);
    result = await runLoad({ base, cookieName: "__Host-civic_session", slug: built.slug, envelopeId: built.envelopeId, projects: built.projects, tokens: 10, maxPerProject: 5, sessions: built.tokens, concurrency: o.concurrency, rounds: o.rounds });
  } finally {
    await stopChild(server.child);
  }
  const db = openDatabase(o.database);
  const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
  const written = count("SELECT count(*) FROM ballots");
  const current = count("SELECT count(*) FROM ballots WHERE superseded_at IS NULL");
  const links = count("SELECT count(*) FROM ballot_voters");
  const overLimit = count("SELECT count(*) FROM (SELECT ballot_id FROM ballot_choices GROUP BY ballot_id HAVING sum(tokens) > 10 OR max(tokens) > 5)");
  const synchronous = db.$client.pragma("synchronous", { simple: true });
  db.$client.close();
  const perSecond = result.acknowledged / result.submitSeconds;
  const chosen = (o.voters * o.rounds) / result.chooseSeconds;
  console.log(`\nSubmissions: ${result.acknowledged} acknowledged in ${result.submitSeconds.toFixed(1)} s: ${perSecond.toFixed(0)} ballots/s; failed ${result.failed}. p50 ${result.latencies.p50} ms, p99 ${result.latencies.p99} ms (p99/p50 ${(result.latencies.p99 / Math.max(1, result.latencies.p50)).toFixed(2)}), max ${result.latencies.max} ms.`);
  console.log(`Choosing (the draft saved before each submission): ${chosen.toFixed(0)} per second. Whole ballots, choosing and submitting: ${((o.voters * o.rounds) / (result.chooseSeconds + result.submitSeconds)).toFixed(0)} per second.`);
  console.log(`Answers: ${JSON.stringify(result.statuses)}.`);
  console.log(`Counted in the database (synchronous=${synchronous === 2 ? "FULL" : synchronous}): ${written} ballots written, ${current} current, ${links} voter links, ${overLimit} over the limits.`);
  const lost = result.acknowledged - written;
  console.log(lost === 0 ? "Zero lost: every acknowledged ballot is in the database." : `!! ${lost} acknowledged ballot(s) missing.`);
  const ok = lost === 0 && current === Math.min(o.voters, links) && overLimit === 0 && perSecond >= TARGET_PER_SECOND;
  console.log(`Target: >= ${TARGET_PER_SECOND} ballots/s with none lost: ${ok ? "met" : "missed"}.`);
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error instanceof SetupError ? error.message : error);
  process.exit(2);
});
