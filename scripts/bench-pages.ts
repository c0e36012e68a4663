// Load-tests the main public pages of the production build against a trivial page, with autocannon.
// Usage: tsx scripts/bench-pages.ts [--database data/large-city.db] [--duration 10] [--connections 50]
//        [--port 3310] [--warmup 2] [--search tramway] [--json]
// Starts `node server.js` on the production build, warms every page for --warmup seconds, then
// measures each in turn for --duration seconds; the trivial page is measured first and last.
// Exit codes: 0 every page meets the targets, 1 some page misses them or answered non-2xx, 2 setup error.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
// @ts-expect-error -- autocannon 8 ships no type declarations (and @types/autocannon is not installed)
import autocannonUntyped from "autocannon";
import { openDatabase } from "../db/client";
import { applyMigrations } from "../db/migrate";

// Targets from the product issue: each page at least 40% of the trivial page's throughput, p99 under 250 ms.
const MIN_RATIO = 0.4;
const MAX_P99_MS = 250;
const SEARCH_CANDIDATES = ["tramway", "bicycle", "library", "parc"];
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type AutocannonOptions = { url: string; connections: number; duration: number; headers?: Record<string, string> };
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
};
const autocannon = autocannonUntyped as (options: AutocannonOptions) => Promise<AutocannonResult>;

type Target = { name: string; path: string; trivial?: boolean; note?: string };
type Measured = Target & {
  url: string;
  firstStatus: number;
  kilobytes: number;
  requestsPerSecond: number;
  ratio: number | null;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  pass: boolean;
  problems: string[];
};

class SetupError extends Error {}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      database: { type: "string", default: "data/large-city.db" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "50" },
      port: { type: "string", default: "3310" },
      warmup: { type: "string", default: "2" },
      search: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new SetupError(`--${name} must be an integer >= ${min} (got "${raw}")`);
    return n;
  };
  return {
    database: path.resolve(values.database),
    duration: int("duration", values.duration, 1),
    connections: int("connections", values.connections, 1),
    port: int("port", values.port, 1),
    warmup: int("warmup", values.warmup, 0),
    search: values.search,
    json: values.json,
  };
}

/** Real ids and words from the database, so every page shows data rather than an empty state. */
function pickTargets(file: string, searchOverride: string | undefined) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).pluck().get(...params) as T | undefined;
    const ideaId = one<number>("SELECT id FROM ideas WHERE listed = 1 ORDER BY up_count DESC, id LIMIT 1");
    if (ideaId === undefined) throw new SetupError(`${file} has no listed ideas: run tsx scripts/seed-large-city.ts first.`);
    const mostUsed = (column: string) =>
      one<number>(`SELECT ${column} FROM ideas WHERE listed = 1 AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY count(*) DESC LIMIT 1`);
    const matches = (word: string) => one<number>("SELECT count(*) FROM ideas_fts WHERE ideas_fts MATCH ?", `"${word.replaceAll('"', "")}"`) ?? 0;
    let word = searchOverride ?? SEARCH_CANDIDATES.find((w) => matches(w) > 0);
    if (!word) {
      const title = one<string>("SELECT title FROM ideas WHERE id = ?", ideaId) ?? "";
      word = title.split(/\s+/).find((w) => w.length >= 4) ?? title;
    }
    const counts = Object.fromEntries(
      ["ideas", "idea_votes", "comments", "users"].map((t) => [t, one<number>(`SELECT count(*) FROM ${t}`) ?? 0]),
    );
    // A typical idea: the one at the median comment count (the busiest idea is the worst case).
    const typicalIdeaId = one<number>(
      "SELECT id FROM ideas WHERE listed = 1 ORDER BY comment_count, id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM ideas WHERE listed = 1)",
    );
    return {
      ideaId,
      typicalIdeaId,
      typicalComments: typicalIdeaId ? (one<number>("SELECT count(*) FROM comments WHERE idea_id = ?", typicalIdeaId) ?? 0) : 0,
      categoryId: mostUsed("category_id"),
      districtId: mostUsed("district_id"),
      word,
      wordMatches: matches(word),
      commentsOnIdea: one<number>("SELECT count(*) FROM comments WHERE idea_id = ?", ideaId) ?? 0,
      counts,
    };
  } finally {
    sqlite.close();
  }
}

/** One plain request: its status (0 when nothing answered) and body size. */
async function probe(url: string) {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
    const body = await response.arrayBuffer();
    return { status: response.status, bytes: body.byteLength };
  } catch {
    return { status: 0, bytes: 0 };
  }
}
const status = async (url: string) => (await probe(url)).status;

function startServer(options: { port: number; database: string }) {
  const child = spawn(process.execPath, ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      DATABASE_PATH: options.database,
      SESSION_SECRET: "bench-pages-secret-0123456789abcdefghijk", // 40 characters, test only
      ACCESS_LOG: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exit: string | null = null;
  child.on("exit", (code, signal) => (exit = signal ? `signal ${signal}` : `code ${code}`));
  return { child, output: () => output, exit: () => exit };
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new SetupError(`The server exited with code ${child.exitCode}:\n${output()}`);
    if ((await status(`${base}/healthz`)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new SetupError(`GET /healthz did not answer 200 within 60 s:\n${output()}`);
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function judge(m: Omit<Measured, "pass" | "problems">) {
  const problems: string[] = [];
  if (m.firstStatus < 200 || m.firstStatus > 299) problems.push(`first request answered ${m.firstStatus || "no response"}`);
  if (m.non2xx > 0) problems.push(`${m.non2xx} non-2xx responses`);
  if (m.errors > 0 || m.timeouts > 0) problems.push(`${m.errors} errors, ${m.timeouts} timeouts`);
  if (m.p99Ms >= MAX_P99_MS) problems.push(`p99 ${m.p99Ms} ms >= ${MAX_P99_MS} ms`);
  if (m.ratio !== null && m.ratio < MIN_RATIO) problems.push(`${(m.ratio * 100).toFixed(0)}% < ${MIN_RATIO * 100}% of trivial`);
  return { ...m, pass: problems.length === 0, problems };
}

function printTable(results: Measured[]) {
  const rows = [
    ["page", "URL", "KB", "req/s", "vs trivial", "p50 ms", "p99 ms", "non-2xx", "verdict"],
    ...results.map((r) => [
      r.name,
      r.path,
      r.kilobytes.toFixed(0),
      r.requestsPerSecond.toFixed(0),
      r.ratio === null ? "baseline" : `${(r.ratio * 100).toFixed(0)}%`,
      String(r.p50Ms),
      String(r.p99Ms),
      String(r.non2xx),
      r.pass ? "PASS" : `FAIL: ${r.problems.join("; ")}`,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c >= 2 && c <= 7 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ");
  console.log("\n" + line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
}

async function main() {
  const options = parseOptions();
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) {
    throw new SetupError("No production build (build/server/index.js). Run `npm run build` first.");
  }
  if (!fs.existsSync(options.database)) {
    throw new SetupError(`${options.database} does not exist. Run \`tsx scripts/seed-large-city.ts --database ${options.database}\` first.`);
  }
  // Like `npm start`: bring the schema up to date before serving (a no-op on a freshly seeded file).
  const migrated = openDatabase(options.database);
  const applied = () => migrated.$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get() as number;
  const before = applied();
  applyMigrations(migrated);
  if (applied() > before) console.warn(`Applied ${applied() - before} pending migration(s); re-seed if they change the data.`);
  migrated.$client.close();

  const t = pickTargets(options.database, options.search);
  const base = `http://127.0.0.1:${options.port}`;
  if ((await status(`${base}/healthz`)) !== 0) throw new SetupError(`Something already answers on port ${options.port}; pass --port.`);

  const filters = [t.categoryId ? `category=${t.categoryId}` : "", t.districtId ? `district=${t.districtId}` : ""].filter(Boolean).join("&");
  const targets: Target[] = [
    { name: "trivial", path: "/privacy", trivial: true },
    { name: "idea list", path: "/ideas", note: "default sort (trending)" },
    { name: "filtered list", path: `/ideas?${filters ? filters + "&" : ""}sort=newest`, note: "category + district, newest" },
    { name: "status filter", path: "/ideas?status=published", note: "status, default sort" },
    { name: "search", path: `/ideas?q=${encodeURIComponent(t.word)}`, note: `"${t.word}" matches ${t.wordMatches} ideas` },
    { name: "idea page", path: `/ideas/${t.ideaId}`, note: `most supported idea, ${t.commentsOnIdea} comments` },
    ...(t.typicalIdeaId ? [{ name: "typical idea", path: `/ideas/${t.typicalIdeaId}`, note: `median idea, ${t.typicalComments} comments` }] : []),
    // Measured again last: the baseline is the mean of both runs, and their gap shows drift.
    { name: "trivial again", path: "/privacy", trivial: true },
  ];

  console.log(`Database ${path.relative(process.cwd(), options.database)}: ${Object.entries(t.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; autocannon runs in this process.`);
  console.log(`Each page: ${options.warmup} s warm-up (10 connections), then ${options.duration} s with ${options.connections} connections on ${base}`);

  const server = startServer(options);
  const stop = () => void stopServer(server.child).then(() => process.exit(130));
  process.once("SIGINT", stop);
  const raw: Omit<Measured, "ratio" | "pass" | "problems">[] = [];
  let died: string | null = null;
  try {
    await waitForHealth(base, server.child, server.output);
    // Warm every page first (JIT, prepared statements, page cache), so the first baseline is not cold.
    const probes = new Map<string, Awaited<ReturnType<typeof probe>>>();
    for (const target of targets) {
      const url = base + target.path;
      if (probes.has(url) || server.exit()) continue;
      probes.set(url, await probe(url));
      if (options.warmup > 0) await autocannon({ url, connections: Math.min(10, options.connections), duration: options.warmup });
    }
    for (const target of targets) {
      const url = base + target.path;
      if (server.exit()) break;
      const first = probes.get(url) ?? (await probe(url));
      const firstStatus = first.status;
      process.stdout.write(`  ${target.name.padEnd(14)} ${target.path} (${target.note ?? "baseline"}) first response ${firstStatus} ... `);
      const r = await autocannon({ url, connections: options.connections, duration: options.duration });
      const measured = {
        ...target,
        url,
        firstStatus,
        kilobytes: first.bytes / 1024,
        requestsPerSecond: r.requests.average,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        maxMs: r.latency.max,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
      };
      raw.push(measured);
      console.log(`${measured.requestsPerSecond.toFixed(0)} req/s, p99 ${measured.p99Ms} ms`);
      if (server.exit()) console.log(`  !!!!! THE SERVER DIED during "${target.name}" (${server.exit()}): its figures are not a measurement.`);
    }
  } finally {
    died = server.exit(); // before we stop it ourselves
    process.off("SIGINT", stop);
    await stopServer(server.child);
  }

  const trivialRuns = raw.filter((r) => r.trivial).map((r) => r.requestsPerSecond);
  const baseline = trivialRuns.length ? trivialRuns.reduce((a, b) => a + b, 0) / trivialRuns.length : 0;
  const results: Measured[] = raw.map((r) => judge({ ...r, ratio: r.trivial || !baseline ? null : r.requestsPerSecond / baseline }));
  printTable(results);
  const drift = trivialRuns.length === 2 ? Math.abs(trivialRuns[1] - trivialRuns[0]) / baseline : 0;
  console.log(`\nBaseline: ${baseline.toFixed(0)} req/s (mean of the trivial runs: ${trivialRuns.map((x) => x.toFixed(0)).join(" and ")}).`);
  if (drift > 0.15) console.log(`!! The trivial page drifted ${(drift * 100).toFixed(0)}% during the run: the machine is busy; ratios are unreliable, re-run.`);
  if (died) {
    console.log(`\n!!!!! THE SERVER DIED (${died}); ${targets.length - results.length} page(s) not measured, the last figures are suspect. !!!!!`);
    console.log(`Last server output:\n${server.output() || "(none)"}`);
  }
  const broken = results.filter((r) => r.non2xx > 0 || r.firstStatus < 200 || r.firstStatus > 299);
  if (broken.length > 0) {
    console.log("\n!!!!! NON-2XX RESPONSES: these figures measure error pages, not the real pages. Do not trust them. !!!!!");
    for (const r of broken) console.log(`  ${r.name} ${r.path}: first ${r.firstStatus}, status codes ${JSON.stringify(r.statusCodes)}`);
    console.log(`Last server output:\n${server.output() || "(none)"}`);
  }
  const ok = !died && results.every((r) => r.pass);
  console.log(`\nTargets: >= ${MIN_RATIO * 100}% of the trivial page's req/s and p99 < ${MAX_P99_MS} ms. ${ok ? "All pages meet them." : "Some pages miss them."}`);
  if (options.json) {
    const summary = { serverDied: died, baselineRequestsPerSecond: baseline, trivialDrift: drift, database: options.database, duration: options.duration, connections: options.connections, targets: { minRatio: MIN_RATIO, maxP99Ms: MAX_P99_MS }, results };
    console.log(JSON.stringify(summary, null, 2));
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof SetupError ? error.message : error);
    process.exit(2);
  },
);
