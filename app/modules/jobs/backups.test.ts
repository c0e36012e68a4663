import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { checkBackup, listScheduledBackups, takeScheduledBackup } from "#db/backup";
import { getDb } from "#db/client";
import { createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { REPO_ROOT, TMP_DIR } from "#tests/helpers/paths";
import { backupDue, runScheduledBackup } from "./backups.server";

const HOUR = 3_600_000;

describe("scheduled backups (BACKUP_DIR, BACKUP_INTERVAL_HOURS, BACKUP_KEEP)", () => {
  it("take one when due, never twice in an interval (restarts included), keep the newest N, each a sound copy", async () => {
    const db = getDb();
    const author = await createUser(db);
    createIdeaRow(db, author.id, { title: "Kept in every backup" });
    const folder = path.join(TMP_DIR, `scheduled-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    fs.mkdirSync(folder, { recursive: true });
    // Something else in the folder is never touched by the pruning.
    fs.writeFileSync(path.join(folder, "notes.txt"), "operator's notes");
    const schedule = { folder, intervalHours: 24, keep: 2 };
    const start = new Date("2026-12-01T03:17:00Z");

    await runScheduledBackup(db, start, schedule);
    expect(listScheduledBackups(folder)).toHaveLength(1);
    // The hourly checks that follow (or a restart's catch-up) find it fresh.
    expect(backupDue(schedule, new Date(start.getTime() + HOUR))).toBe(false);
    expect(runScheduledBackup(db, new Date(start.getTime() + 23 * HOUR), schedule)).toBeNull();
    // The check a day later, at the same minute, is due.
    await runScheduledBackup(db, new Date(start.getTime() + 24 * HOUR), schedule);
    await runScheduledBackup(db, new Date(start.getTime() + 48 * HOUR), schedule);

    const kept = listScheduledBackups(folder);
    expect(kept.map((b) => b.takenAt.toISOString())).toEqual(["2026-12-02T03:17:00.000Z", "2026-12-03T03:17:00.000Z"]);
    expect(fs.existsSync(path.join(folder, "notes.txt"))).toBe(true);
    for (const backup of kept) expect(checkBackup(backup.file).migrations).toBeGreaterThan(10);
  });

  it("leave nothing behind that counts as a backup when one fails", async () => {
    const folder = path.join(TMP_DIR, `scheduled-fail-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    fs.mkdirSync(folder, { recursive: true });
    // A database the copy of which fails its check (no migrations: not this app's).
    const foreign = path.join(folder, "foreign.sqlite");
    new Database(foreign).exec("CREATE TABLE t (x)");
    expect(() => takeScheduledBackup(foreign, folder, 3)).toThrow(/__drizzle_migrations/);
    expect(listScheduledBackups(folder)).toEqual([]);
    expect(fs.readdirSync(folder)).toEqual(["foreign.sqlite"]);
  });

  it("do nothing unless BACKUP_DIR is set", () => {
    expect(process.env.BACKUP_DIR).toBeUndefined();
    expect(runScheduledBackup(getDb())).toBeNull();
  });

  it("the production server's worker thread takes the backup (bundled as npm run build bundles it)", { timeout: 60_000 }, async () => {
    const outdir = path.join(TMP_DIR, `workers-${Date.now()}`);
    await esbuild.build({
      entryPoints: { "backup-worker": path.join(REPO_ROOT, "app/modules/jobs/backup-worker.server.ts") },
      outdir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      platform: "node",
      format: "esm",
      external: ["better-sqlite3"],
      tsconfig: path.join(REPO_ROOT, "tsconfig.json"),
      logLevel: "silent",
    });
    const folder = path.join(outdir, "backups");
    const message = await new Promise<{ ok: boolean; taken?: { file: string } }>((resolve, reject) => {
      const worker = new Worker(path.join(outdir, "backup-worker.mjs"), { workerData: { source: process.env.DATABASE_PATH, folder, keep: 3, at: new Date().toISOString() } });
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the worker exited (${code}) without a word`)));
    });
    expect(message.ok).toBe(true);
    expect(listScheduledBackups(folder).map((b) => b.file)).toEqual([message.taken!.file]);
    expect(checkBackup(message.taken!.file).migrations).toBeGreaterThan(10);
  });
});
