// Load-tests the pages listed in scripts/bench-pages-targets.ts against a trivial page of the same
// production build, in the same run, with autocannon running as its own process.
// Usage: tsx scripts/bench-pages.ts [--database data/large-city.db] [--duration 10] [--connections 50]
//        [--port 3310] [--warmup 2] [--search tramway] [--only "idea list,support vote"] [--json]
// Starts `node server.js` on the production build, signs in once per role the targets need, warms
// every target for --warmup seconds, then measures each in turn for --duration seconds; the trivial
// page is measured first and last, and the mean of both runs is the baseline.
// Exit codes: 0 every target meets the targets, 1 some target misses them (or answered non-2xx, or
// could not be measured, or the server died), 2 setup error.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openDatabase } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { AUTOCANNON, isStopping, loadTest, probe, ROOT, SetupError, startServer, status, stopChild, stopLoad, waitForHealth, type Probe } from "./bench-server";
import { dataFrom, resolveTargets, type Resolved, type Skipped } from "./bench-pages-data";
import { cookieHeader, isExpected, judge, MAX_TAIL_RATIO, MIN_RATIO, type Judged } from "./bench-pages-judge";
import { ACCOUNTS, PASSWORD, TARGETS, type Role } from "./bench-pages-targets";

const TRIVIAL_PATH = "/privacy";
const MAX_DRIFT = 0.15;
// Other processes (the machine is shared) using more than this many cores during a run make it unreliable.
const MAX_OTHER_CORES = 0.2;

type Request = Resolved & { trivial?: boolean };
type Measured = Request & Judged & {
  url: string;
  firstStatus: number;
  /** The start of the first response's body (shown when it is not a 2xx). */
  firstBody: string;
  loadError: string | null;
  kilobytes: number;
  requestsPerSecond: number;
  ratio: number | null;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Cores that processes other than the server, the load generator and this script kept busy during the run (Linux only). */
  otherCores: number | null;
};


function parseOptions() {
  const { values } = parseArgs({
    options: {
      database: { type: "string", default: "data/large-city.db" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "50" },
      port: { type: "string", default: "3310" },
      warmup: { type: "string", default: "2" },
      search: { type: "string" },
      only: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new SetupError(`--${name} must be an integer >= ${min} (got "${raw}")`);
    return n;
  };
  const only = values.only?.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = only?.filter((name) => !TARGETS.some((t) => t.name === name)) ?? [];
  if (unknown.length > 0) throw new SetupError(`--only: no target named ${unknown.map((n) => `"${n}"`).join(", ")}; targets: ${TARGETS.map((t) => t.name).join(", ")}`);
  return {
    database: path.resolve(values.database),
    duration: int("duration", values.duration, 1),
    connections: int("connections", values.connections, 1),
    port: int("port", values.port, 1),
    warmup: int("warmup", values.warmup, 0),
    search: values.search,
    only,
    json: values.json,
  };
}

/** The targets with paths computed from the database's rows, and those skipped for missing data. */
function pickTargets(file: string, options: { search?: string; only?: string[] }) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => {
      try {
        return sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      } catch {
        return 0;
      }
    };
    if (count("ideas") === 0) throw new SetupError(`${file} has no ideas: run tsx scripts/seed-large-city.ts first.`);
    const hasAccount = sqlite.prepare("SELECT 1 FROM users WHERE email = ?").pluck();
    const wanted = TARGETS.filter((t) => !options.only || options.only.includes(t.name));
    const { resolved, skipped } = resolveTargets(wanted, dataFrom(sqlite, options.search), (role) => hasAccount.get(ACCOUNTS[role]) !== undefined);
    const counts = Object.fromEntries(["ideas", "idea_votes", "comments", "users"].map((t) => [t, count(t)]));
    return { resolved, skipped, counts };
  } finally {
    sqlite.close();
  }
}

/** Signs in once (sign-in is throttled per address) and checks that the cookie opens /account. */
async function signIn(base: string, role: Role) {
  const email = ACCOUNTS[role];
  const form = new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }).toString();
  const answer = await probe(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: form,
  });
  const cookie = cookieHeader(answer.setCookies);
  if (answer.status < 300 || answer.status > 399 || !cookie) {
    const why = answer.status === 429 ? " (sign-in throttled for this address: wait 15 minutes)" : "";
    throw new SetupError(`Signing in as ${email} answered ${answer.status || "nothing"}${why}, ${cookie ? "" : "no cookie, "}body: ${answer.body.slice(0, 200)}`);
  }
  const account = await probe(`${base}/account`, { headers: { Cookie: cookie } });
  if (account.status !== 200) throw new SetupError(`Signed in as ${email}, but GET /account with its cookie answered ${account.status} (location ${account.location}).`);
  return cookie;
}

function headersFor(request: Request, base: string, cookies: Map<Role, string>) {
  const headers: Record<string, string> = {};
  if (request.as) headers.Cookie = cookies.get(request.as) ?? "";
  if (request.method !== "GET") {
    headers.Origin = base; // the server refuses writes without a same-site Origin
    if (request.body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  return headers;
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

function printTable(results: Measured[]) {
  const rows = [
    ["page", "as", "request", "KB", "req/s", "vs trivial", "p50 ms", "p99 ms", "p99/p50", "others", "verdict"],
    ...results.map((r) => [
      r.name,
      r.as ?? "-",
      `${r.method} ${r.path}`,
      fmt(r.kilobytes, r.kilobytes < 1 ? 2 : r.kilobytes < 10 ? 1 : 0),
      fmt(r.requestsPerSecond),
      r.ratio === null ? "baseline" : `${fmt(r.ratio * 100)}%`,
      fmt(r.p50Ms),
      fmt(r.p99Ms),
      fmt(r.tailRatio, 2),
      r.otherCores === null ? "?" : fmt(r.otherCores, 2),
      r.verdict === "pass" ? "PASS" : `${r.verdict.toUpperCase()}: ${r.problems.join("; ")}`,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c >= 3 && c <= 9 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  console.log("\n" + line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
}

/** Busy and total CPU ticks of the whole machine, from /proc/stat (Linux); null elsewhere. */
function machineTicks() {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + (steal || 0);
    return { busy, total: busy + idle + iowait };
  } catch {
    return null;
  }
}

/** CPU ticks a process has used; with its reaped children for this script (the autocannon runs). */
function processTicks(pid: number | "self") {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).map(Number);
    return utime + stime + (pid === "self" ? cutime + cstime : 0);
  } catch {
    return null;
  }
}

/**
 * Measures how much CPU the rest of the machine used while `run` ran: another engineer's build or
 * tests take cores from the server and the load generator, and the figures with them.
 */
async function withOtherLoad<T>(serverPid: number | undefined, run: () => Promise<T>) {
  const ours = () => (serverPid ? (processTicks(serverPid) ?? NaN) : 0) + (processTicks("self") ?? NaN);
  const before = { machine: machineTicks(), ours: ours() };
  const result = await run();
  const after = { machine: machineTicks(), ours: ours() };
  if (!before.machine || !after.machine || Number.isNaN(before.ours) || Number.isNaN(after.ours)) return { result, otherCores: null };
  const elapsed = (after.machine.total - before.machine.total) / os.cpus().length;
  const others = after.machine.busy - before.machine.busy - (after.ours - before.ours);
  return { result, otherCores: elapsed > 0 ? Math.max(0, others / elapsed) : null };
}

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");

async function main() {
  const options = parseOptions();
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) {
    throw new SetupError("No production build (build/server/index.js). Run `npm run build` first.");
  }
  if (!fs.existsSync(AUTOCANNON)) throw new SetupError(`${AUTOCANNON} is missing: run npm install.`);
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

  const picked = pickTargets(options.database, options);
  const base = `http://127.0.0.1:${options.port}`;
  if ((await status(`${base}/healthz`)) !== 0) throw new SetupError(`Something already answers on port ${options.port}; pass --port.`);

  const trivial = (name: string): Request => ({ name, path: TRIVIAL_PATH, method: "GET", note: "baseline", trivial: true });
  // The trivial page again last: the baseline is the mean of both runs, and their gap shows drift.
  const plan: Request[] = [trivial("trivial"), ...picked.resolved, trivial("trivial again")];

  console.log(`Database ${path.relative(process.cwd(), options.database)}: ${Object.entries(picked.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${loadAverage()}; autocannon runs as its own process.`);
  console.log(`Each target: ${options.warmup} s warm-up (10 connections), then ${options.duration} s with ${options.connections} connections on ${base}`);
  for (const s of picked.skipped) console.log(`  skipped ${s.name}: ${s.reason}`);

  const server = startServer(options);
  const stop = () => {
    stopLoad();
    void stopChild(server.child).then(() => process.exit(130));
  };
  process.once("SIGINT", stop);
  const raw: Omit<Measured, keyof Judged | "ratio">[] = [];
  const firsts = new Map<Request, Probe>();
  let died: string | null = null;
  try {
    await waitForHealth(base, server.child, server.output);
    const cookies = new Map<Role, string>();
    for (const role of new Set(plan.flatMap((r) => (r.as ? [r.as] : [])))) cookies.set(role, await signIn(base, role));

    // Warm every target first (JIT, prepared statements, page cache), so the first baseline is not cold.
    const warmed = new Set<string>();
    for (const request of plan) {
      const url = base + request.path;
      const key = `${request.method} ${url} ${request.as ?? ""}`;
      if (warmed.has(key) || server.exit() || isStopping()) continue;
      warmed.add(key);
      const headers = headersFor(request, base, cookies);
      firsts.set(request, await probe(url, { method: request.method, headers, body: request.body }));
      if (options.warmup > 0) {
        await loadTest(url, { connections: Math.min(10, options.connections), duration: options.warmup, method: request.method, headers, body: request.body }).catch(() => undefined);
      }
    }
    for (const request of plan) {
      const url = base + request.path;
      if (server.exit() || isStopping()) break;
      const headers = headersFor(request, base, cookies);
      const first = firsts.get(request) ?? (await probe(url, { method: request.method, headers, body: request.body }));
      firsts.set(request, first);
      const label = `${request.name} (${request.as ?? "anonymous"})`;
      process.stdout.write(`  ${label.padEnd(28)} ${request.method} ${request.path} [${request.note}] first response ${first.status} ... `);
      let loadError: string | null = null;
      const { result: figures, otherCores } = await withOtherLoad(server.child.pid, () =>
        loadTest(url, { connections: options.connections, duration: options.duration, method: request.method, headers, body: request.body }).catch((error: unknown) => {
          loadError = error instanceof Error ? error.message : String(error);
          return null;
        }),
      );
      raw.push({
        ...request,
        url,
        firstStatus: first.status,
        firstBody: first.body.slice(0, 300),
        loadError,
        kilobytes: first.bytes / 1024,
        requestsPerSecond: figures?.requestsPerSecond ?? 0,
        p50Ms: figures?.p50Ms ?? 0,
        p99Ms: figures?.p99Ms ?? 0,
        maxMs: figures?.maxMs ?? 0,
        requests: figures?.requests ?? 0,
        errors: figures?.errors ?? 0,
        timeouts: figures?.timeouts ?? 0,
        statusCodes: figures?.statusCodes ?? {},
        otherCores,
      });
      console.log(figures ? `${fmt(figures.requestsPerSecond)} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms` : `not measured: ${loadError}`);
      if (server.exit()) console.log(`  !!!!! THE SERVER DIED during "${request.name}" (${server.exit()}): its figures are not a measurement.`);
    }
  } finally {
    died = server.exit(); // before we stop it ourselves
    process.off("SIGINT", stop);
    await stopChild(server.child);
  }

  const trivialRuns = raw.filter((r) => r.trivial && r.requests > 0).map((r) => r.requestsPerSecond);
  const baseline = trivialRuns.length ? trivialRuns.reduce((a, b) => a + b, 0) / trivialRuns.length : 0;
  const results: Measured[] = raw.map((r) => {
    const ratio = r.trivial || !baseline ? null : r.requestsPerSecond / baseline;
    const first = { status: r.firstStatus, body: r.firstBody };
    const verdict = judge({ figures: r.loadError ? null : r, loadError: r.loadError ?? undefined, first, expect: r.expect, ratio });
    return { ...r, ratio, ...verdict };
  });
  printTable(results);
  console.log(`("others": cores kept busy by processes other than the server, the load generator and this script during the run.)`);
  for (const s of picked.skipped) console.log(`Skipped ${s.name}: ${s.reason}`);
  const trivialTails = results.filter((r) => r.trivial && r.requests > 0).map((r) => fmt(r.tailRatio, 2));
  if (trivialTails.length > 0) {
    console.log(`The trivial page's own p99/p50 in this run: ${trivialTails.join(" and ")}. A page that misses the tail target with no more than that has no longer a tail than the trivial page under the same conditions.`);
  }
  const drift = trivialRuns.length === 2 ? Math.abs(trivialRuns[1] - trivialRuns[0]) / baseline : 0;
  console.log(`\nBaseline: ${fmt(baseline)} req/s (mean of the trivial runs: ${trivialRuns.map((x) => fmt(x)).join(" and ")}; drift ${fmt(drift * 100)}%). Load average now ${loadAverage()}.`);
  if (drift > MAX_DRIFT) console.log(`!! The trivial page drifted ${fmt(drift * 100)}% during the run: the machine is busy; ratios are unreliable, re-run.`);
  const busy = results.filter((r) => r.otherCores !== null && r.otherCores > MAX_OTHER_CORES);
  if (busy.some((r) => r.trivial)) {
    console.log("!! The trivial page was measured while other processes were busy: the baseline is low and every ratio in this run is unreliable (the drift check misses this when both trivial runs were disturbed).");
  }
  if (busy.length > 0) {
    const list = busy.map((r) => `${r.name} ${fmt(r.otherCores ?? 0, 2)}`).join(", ");
    console.log(`!! Other processes kept cores busy during ${busy.length} run(s) (${list} cores; "others" column): those figures are unreliable, re-run on a quiet machine.`);
  }
  if (died) {
    console.log(`\n!!!!! THE SERVER DIED (${died}); ${plan.length - results.length} target(s) not measured, the last figures are suspect. !!!!!`);
    console.log(`Last server output:\n${server.output() || "(none)"}`);
  }
  const broken = results.filter((r) => r.unexpected > 0 || r.verdict === "not measured" || !isExpected(r.firstStatus, r.expect));
  if (broken.length > 0) {
    console.log("\n!!!!! UNEXPECTED ANSWERS: these figures measure errors or refusals, not the real pages. Do not trust them. !!!!!");
    for (const r of broken) {
      const body = isExpected(r.firstStatus, r.expect) ? "" : ` "${r.firstBody.slice(0, 200).replace(/\s+/g, " ")}"`;
      console.log(`  ${r.name} ${r.method} ${r.path}: first ${r.firstStatus}${body}, status codes ${JSON.stringify(r.statusCodes)}${r.loadError ? `, ${r.loadError}` : ""}`);
    }
    console.log(`Last server output:\n${server.output() || "(none)"}`);
  }
  const ok = !died && results.every((r) => r.verdict === "pass");
  console.log(`\nTargets: >= ${MIN_RATIO * 100}% of the trivial page's req/s and p99 <= ${MAX_TAIL_RATIO} x p50. ${ok ? "All targets meet them." : "Some targets miss them."}`);
  if (options.json) {
    const summary = {
      serverDied: died,
      baselineRequestsPerSecond: baseline,
      trivialDrift: drift,
      maxOtherCores: Math.max(0, ...results.map((r) => r.otherCores ?? 0)),
      database: options.database,
      duration: options.duration,
      connections: options.connections,
      loadAverage: os.loadavg(),
      targets: { minRatio: MIN_RATIO, maxTailRatio: MAX_TAIL_RATIO },
      skipped: picked.skipped satisfies Skipped[],
      results,
    };
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
