import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { REPO_ROOT, TMP_DIR } from "#tests/helpers/paths";
import { backupDatabase, checkBackup, restoreDatabase } from "./backup";

describe("backups (baseline 34)", () => {
  it("a backup taken while another process writes finishes, and restores to a consistent database", { timeout: 60_000 }, async () => {
    const db = getDb();
    const author = await createUser(db);
    for (let i = 0; i < 500; i++) createIdeaRow(db, author.id, { title: `Before the backup ${i}` });
    const writer = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "tests/helpers/writer-process.ts")], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH!, AUTHOR_ID: author.id },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      writer.stdout.on("data", (c: Buffer) => c.toString().includes("writing") && resolve());
      writer.on("exit", (code) => reject(new Error(`writer exited ${code}`)));
    });
    const target = path.join(TMP_DIR, `backup-${Date.now()}.db`);
    try {
      const checked = backupDatabase(process.env.DATABASE_PATH!, target);
      expect(checked.migrations).toBeGreaterThan(10);
    } finally {
      writer.kill("SIGKILL");
    }
    // Restored somewhere else: sound, and every idea written under load came with its follow.
    const restored = path.join(TMP_DIR, `restored-${Date.now()}.db`);
    restoreDatabase(target, restored);
    expect(checkBackup(restored).migrations).toBeGreaterThan(10);
    const copy = new Database(restored, { readonly: true });
    const underLoad = copy.prepare("SELECT count(*) FROM ideas WHERE title LIKE 'Written under load%'").pluck().get() as number;
    const follows = copy.prepare("SELECT count(*) FROM idea_follows").pluck().get() as number;
    expect(underLoad).toBeGreaterThan(0);
    expect(follows).toBe(underLoad);
    expect(copy.prepare("SELECT count(*) FROM ideas WHERE title LIKE 'Before the backup%'").pluck().get()).toBe(500);
    copy.close();
    expect(() => backupDatabase(process.env.DATABASE_PATH!, target)).toThrow(/already exists/);
    for (const f of [target, restored]) fs.rmSync(f, { force: true });
  });
});
