import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { mailAttempts, mailMessages } from "#db/schema";
import { REPO_ROOT, TMP_DIR } from "#tests/helpers/paths";
import { enqueueMail } from "./outbox.server";

const MESSAGES = 400;

function startSender(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "tests/helpers/sender-process.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c));
  child.stderr.on("data", (c: Buffer) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const emlFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : []);

describe("the mail sender", () => {
  it("killed in the middle of a batch, loses no message and records none twice once restarted", { timeout: 60_000 }, async () => {
    const db = getDb();
    const outbox = path.join(TMP_DIR, `outbox-${process.pid}-${Date.now()}`);
    db.$client.transaction(() => {
      for (let i = 0; i < MESSAGES; i++) enqueueMail(db, { toAddress: `person-${i}@example.org`, kind: "existing_account", data: {} });
    })();
    const env = { DATABASE_PATH: process.env.DATABASE_PATH!, OUTBOX_DIR: outbox, DELIVERY_DELAY_MS: "20", LEASE_SECONDS: "2", NODE_ENV: "test" };

    const first = startSender(env);
    // Kill it for real (no clean-up, no chance to record what is in flight) once it is well under way.
    for (let i = 0; i < 600 && emlFiles(outbox).length < 60; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill("SIGKILL");
    await first.exited;
    const sentBeforeRestart = db.select({ n: sql<number>`count(*)` }).from(mailMessages).where(eq(mailMessages.status, "sent")).get()!.n;
    expect(sentBeforeRestart, first.output()).toBeGreaterThan(0);
    expect(sentBeforeRestart).toBeLessThan(MESSAGES);

    const second = startSender(env);
    expect(await second.exited, second.output()).toBe(0);

    const rows = db.select({ id: mailMessages.id, status: mailMessages.status }).from(mailMessages).all();
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // One file per message: a message delivered just before the kill and again after the restart
    // is the same Message-ID, so the same file, never a second message.
    expect(emlFiles(outbox).sort()).toEqual(rows.map((r) => `mail-${r.id}@localhost.eml`).sort());
    const sentRecords = db
      .select({ messageId: mailAttempts.messageId, n: sql<number>`count(*)` })
      .from(mailAttempts)
      .where(eq(mailAttempts.outcome, "sent"))
      .groupBy(mailAttempts.messageId)
      .all();
    expect(sentRecords).toHaveLength(MESSAGES);
    expect(sentRecords.every((r) => r.n === 1)).toBe(true);
    const sample = fs.readFileSync(path.join(outbox, `mail-${rows[0].id}@localhost.eml`), "utf8");
    expect(sample).toMatch(/^Message-ID: <mail-\d+@localhost>/m);
    fs.rmSync(outbox, { recursive: true, force: true });
  });
});
