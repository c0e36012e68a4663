// The notifications benchmark (issue 9): one official response fanned out to many followers.
// Usage: tsx scripts/bench-notifications.ts [--recipients 10000] [--database data/large-city.db]
//        [--duration 10] [--connections 50] [--port 3320] [--skip-pages]
// 1. fan-out: on a fresh database, an idea followed by --recipients residents who all want its
//    news at once by e-mail; the time of respondToIdea (the change, its notifications and one
//    outbox row per recipient, in one transaction). Target: under 1 s for 10,000.
// 2. sender: the real sender delivering those e-mails to the outbox folder. Target: >= 200/s.
// 3. pages while sending: the production server on a copy of the large city; the page
//    benchmark's anonymous pages measured (autocannon as its own process) before and while the
//    server's own sender delivers two such responses. Target: >= 80% of the throughput before.
// Exit codes: 0 all targets met, 1 some target missed, 2 setup error.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import { openDatabase, type Db } from "../db/client";
import { applyMigrations } from "../db/migrate";
import { ideaFollows, ideas, ideaVotes, mailMessages, notificationPreferences, notifications, users } from "../db/schema";
import { hashPassword } from "../app/modules/auth/password.server";
import { respondToIdea } from "../app/modules/ideas/status.server";
import { hotScore } from "../app/modules/ideas/ranking";
import { countPending } from "../app/modules/mail/queries.server";
import { deliverDue } from "../app/modules/mail/sender.server";
import { outboxTransport } from "../app/modules/mail/transport.server";
import { AUTOCANNON, loadTest, ROOT, SetupError, startServer, status, stopChild, waitForHealth } from "./bench-server";

const TARGETS = { fanoutSeconds: 1, mailsPerSecond: 200, pageShare: 0.8 };

function options() {
  const { values } = parseArgs({
    options: {
      recipients: { type: "string", default: "10000" },
      database: { type: "string", default: "data/large-city.db" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "50" },
      port: { type: "string", default: "3320" },
      "skip-pages": { type: "boolean", default: false },
    },
  });
  const int = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new SetupError(`--${name} must be a positive integer`);
    return n;
  };
  return { recipients: int("recipients"), database: String(values.database), duration: int("duration"), connections: int("connections"), port: int("port"), skipPages: Boolean(values["skip-pages"]) };
}

/** An idea, its author, a council member, and `recipients` residents following it (half also support it), all wanting e-mail at once. */
async function followedIdea(db: Db, recipients: number, passwordHash: string, prefix: string) {
  const now = new Date();
  const ids = Array.from({ length: recipients }, (_, i) => `${prefix}${i}`);
  db.$client.transaction(() => {
    for (const [i, id] of [`${prefix}author`, `${prefix}council`, ...ids].entries()) {
      db.insert(users)
        .values({ id, email: `${id}@bench.example`, displayName: `Bench ${i}`, passwordHash, role: id.endsWith("council") ? "council" : "resident", emailVerifiedAt: now, createdAt: now })
        .run();
    }
  })();
  const idea = db
    .insert(ideas)
    .values({ authorId: `${prefix}author`, title: "A bench for every bus stop", body: "So that waiting is easier.", excerpt: "So that waiting is easier.", hotScore: hotScore(0, 0, now), createdAt: now })
    .returning({ id: ideas.id })
    .get();
  db.$client.transaction(() => {
    for (const [i, userId] of ids.entries()) {
      db.insert(ideaFollows).values({ ideaId: idea.id, userId, createdAt: now }).run();
      if (i % 2 === 0) db.insert(ideaVotes).values({ ideaId: idea.id, userId, value: 1, createdAt: now }).run();
      db.insert(notificationPreferences).values({ userId, group: "followed_ideas", email: "instant", updatedAt: now }).run();
    }
  })();
  return { ideaId: idea.id, council: { id: `${prefix}council`, role: "council" as const } };
}

async function fanoutAndSender(recipients: number, workDir: string) {
  const file = path.join(workDir, "fanout.db");
  const db = openDatabase(file);
  applyMigrations(db);
  const passwordHash = await hashPassword("bench password 2026");
  const { ideaId, council } = await followedIdea(db, recipients, passwordHash, "r");
  const times: number[] = [];
  const bodies = ["We are **studying** it with the transport department.", "A first pilot is planned on line 3.", "Thank you: the pilot was a success."];
  const statuses = ["under_review", undefined, "accepted"] as const;
  for (const [i, body] of bodies.entries()) {
    const started = performance.now();
    const outcome = respondToIdea(db, council, { ideaId, status: statuses[i], body });
    times.push((performance.now() - started) / 1000);
    if (!outcome.ok) throw new SetupError(`respondToIdea refused: ${outcome.code}`);
  }
  const notified = db.select({ n: count() }).from(notifications).get()!.n;
  const queued = db.select({ n: count() }).from(mailMessages).get()!.n;
  console.log(`fan-out: ${recipients} followers, ${bodies.length} responses -> ${notified} notifications, ${queued} e-mails queued`);
  console.log(`  respondToIdea (one transaction, prepared statements): ${times.map((t) => `${t.toFixed(3)} s`).join(", ")}`);

  // The sender, over the first response's worth of e-mails.
  const outboxDir = path.join(workDir, "outbox");
  const toSend = Math.min(countPending(db), recipients);
  const started = performance.now();
  let sent = 0;
  while (sent < toSend) sent += await deliverDue(db, { transport: outboxTransport(outboxDir), maxBatches: 1 });
  const seconds = (performance.now() - started) / 1000;
  const files = fs.readdirSync(outboxDir).length;
  console.log(`sender: ${sent} e-mails to the outbox folder in ${seconds.toFixed(2)} s = ${(sent / seconds).toFixed(0)} e-mails/s (${files} .eml files)`);
  db.$client.close();
  return { fanoutSeconds: Math.max(...times), mailsPerSecond: sent / seconds };
}

const PAGES = [
  { name: "trivial", path: "/privacy" },
  { name: "idea list", path: "/ideas" },
  { name: "search", path: "/ideas?q=tramway" },
];

async function pagesWhileSending(o: ReturnType<typeof options>, workDir: string) {
  if (!fs.existsSync(o.database)) throw new SetupError(`${o.database} does not exist: run tsx scripts/seed-large-city.ts first.`);
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) throw new SetupError("No production build: run npm run build first.");
  if (!fs.existsSync(AUTOCANNON)) throw new SetupError(`${AUTOCANNON} is missing: run npm install.`);
  const copy = path.join(workDir, "city.db");
  const source = openDatabase(o.database);
  await source.$client.backup(copy);
  source.$client.close();
  const db = openDatabase(copy);
  applyMigrations(db);
  const passwordHash = db.select({ h: users.passwordHash }).from(users).limit(1).get()!.h;
  const first = await followedIdea(db, o.recipients, passwordHash, "p");
  const second = await followedIdea(db, o.recipients, passwordHash, "q");
  const base = `http://127.0.0.1:${o.port}`;
  if ((await status(`${base}/healthz`)) !== 0) throw new SetupError(`Something already answers on port ${o.port}; pass --port.`);
  const server = startServer({ port: o.port, database: copy });
  try {
    await waitForHealth(base, server.child, server.output);
    const measure = async (label: string) => {
      const figures: Record<string, number> = {};
      for (const page of PAGES) {
        await loadTest(`${base}${page.path}`, { connections: 10, duration: 2, method: "GET", headers: {} });
        const pendingBefore = countPending(db);
        const r = await loadTest(`${base}${page.path}`, { connections: o.connections, duration: o.duration, method: "GET", headers: {} });
        const pendingAfter = countPending(db);
        figures[page.name] = r.requestsPerSecond;
        console.log(`  ${label.padEnd(8)} ${page.name.padEnd(10)} ${r.requestsPerSecond.toFixed(0).padStart(5)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  outbox waiting ${pendingBefore} -> ${pendingAfter}`);
      }
      return figures;
    };
    console.log(`pages (${o.connections} connections, ${o.duration} s each, ${os.cpus().length} cores), before and while the server's sender delivers ${2 * o.recipients} e-mails:`);
    const before = await measure("before");
    // Two responses from a council member (written here, as the server would): the server's
    // sender finds their e-mails within its polling interval and delivers them while we measure.
    for (const idea of [first, second]) respondToIdea(db, idea.council, { ideaId: idea.ideaId, body: "The city will install them next spring." });
    const deadline = Date.now() + 15_000;
    while (countPending(db) >= 2 * o.recipients && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await measure("sending");
    const stillSending = countPending(db) > 0;
    const shares = Object.fromEntries(PAGES.map((p) => [p.name, during[p.name] / before[p.name]]));
    for (const p of PAGES) console.log(`  ${p.name}: ${(shares[p.name] * 100).toFixed(0)}% of its throughput while sending`);
    if (!stillSending) console.log("  (the sender finished before the last run ended: that run was partly measured without it)");
    return { shares, stillSending };
  } finally {
    await stopChild(server.child);
    db.$client.close();
  }
}

async function main() {
  const o = options();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-notifications-"));
  try {
    console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const fan = await fanoutAndSender(o.recipients, workDir);
    const pages = o.skipPages ? null : await pagesWhileSending(o, workDir);
    const misses = [
      fan.fanoutSeconds < TARGETS.fanoutSeconds ? null : `fan-out took ${fan.fanoutSeconds.toFixed(3)} s (target < ${TARGETS.fanoutSeconds} s)`,
      fan.mailsPerSecond >= TARGETS.mailsPerSecond ? null : `sender ${fan.mailsPerSecond.toFixed(0)} e-mails/s (target >= ${TARGETS.mailsPerSecond})`,
      ...Object.entries(pages?.shares ?? {}).map(([name, share]) => (share >= TARGETS.pageShare ? null : `${name} kept ${(share * 100).toFixed(0)}% (target >= ${TARGETS.pageShare * 100}%)`)),
    ].filter(Boolean);
    console.log(misses.length ? `\nMissed: ${misses.join("; ")}` : "\nAll targets met.");
    return misses.length ? 1 : 0;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof SetupError ? error.message : error);
    process.exit(2);
  },
);
