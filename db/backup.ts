// `npm run db:backup -- FILE`: a consistent copy of the live database, taken with SQLite's
// VACUUM INTO from its own connection. In WAL mode it reads one snapshot while the server goes on
// writing, so it finishes under load (the page-by-page backup API restarts on every write made
// by another process). Never a file copy of a live database (baseline 34). The copy is checked
// (integrity, migrations) before the command says it is done.
// `npm run db:restore -- FILE`: with the server stopped, puts a checked backup in place of
// DATABASE_PATH (its -wal and -shm files removed first), keeping the replaced file beside it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread } from "node:worker_threads";
import Database from "better-sqlite3";
import { DEFAULT_DATABASE_PATH } from "./client";

/** Checks a backup file: SQLite's integrity check and the migrations it has; throws when it is not a sound database. */
export function checkBackup(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity check: ${integrity}`);
    const migrations = db.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get() as number;
    return { migrations, bytes: fs.statSync(file).size };
  } finally {
    db.close();
  }
}

/** Writes a consistent copy of `source` to `target` (which must not exist yet) and checks it. */
export function backupDatabase(source: string, target: string) {
  if (fs.existsSync(target)) throw new Error(`${target} already exists: choose a new file`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    db.prepare("VACUUM INTO ?").run(path.resolve(target));
  } finally {
    db.close();
  }
  return checkBackup(target);
}

/** Scheduled backups are named by the time they were taken (UTC), so names sort by age. */
const SCHEDULED_NAME = /^backup-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)Z\.db$/;

export function scheduledBackupName(at: Date) {
  return `backup-${at.toISOString().slice(0, 19).replace(/:/g, "-")}Z.db`;
}

/** The scheduled backups in `folder`, oldest first, with the time each was taken. */
export function listScheduledBackups(folder: string) {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .map((name) => ({ name, parts: SCHEDULED_NAME.exec(name) }))
    .filter((f): f is { name: string; parts: RegExpExecArray } => f.parts !== null)
    .map(({ name, parts }) => ({ file: path.join(folder, name), takenAt: new Date(`${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6]}Z`) }))
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

/**
 * One scheduled backup of `source` into `folder`, checked, then the oldest ones removed so that
 * `keep` remain. Only files named as scheduled backups are ever removed.
 */
export function takeScheduledBackup(source: string, folder: string, keep: number, now = new Date()) {
  const target = path.join(folder, scheduledBackupName(now));
  // Written and checked under another name first: a failed copy never counts as a backup (nor
  // makes the next one wait, nor pushes a good one out).
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  let checked: ReturnType<typeof checkBackup>;
  try {
    checked = backupDatabase(source, partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.renameSync(partial, target);
  const all = listScheduledBackups(folder);
  const removed = all.slice(0, Math.max(0, all.length - keep)).map((b) => b.file);
  for (const file of removed) fs.rmSync(file, { force: true });
  return { file: target, bytes: checked.bytes, removed };
}

/** Puts a checked backup in place of `database` (the server must be stopped); the replaced file is kept as `.replaced-<time>`. */
export function restoreDatabase(backup: string, database: string) {
  checkBackup(backup);
  const replaced = `${database}.replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  if (fs.existsSync(database)) {
    // A WAL file belongs to the database it was written for: checkpoint it into the old file first.
    const old = new Database(database);
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    fs.renameSync(database, replaced);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
  fs.copyFileSync(backup, database);
  return { replaced: fs.existsSync(replaced) ? replaced : null };
}

// The command line only: a worker thread bundling this file has itself as process.argv[1].
if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [mode, file] = process.argv.slice(2);
  const database = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
  if ((mode !== "backup" && mode !== "restore") || !file) {
    console.error("Usage: npm run db:backup -- FILE   |   npm run db:restore -- FILE (with the server stopped)");
    process.exit(2);
  }
  try {
    if (mode === "backup") {
      const started = performance.now();
      const checked = backupDatabase(database, file);
      console.log(`Backed up ${database} to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(checked.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok, ${checked.migrations} migrations.`);
    } else {
      const { replaced } = restoreDatabase(file, database);
      console.log(`Restored ${file} to ${database}${replaced ? `; the previous file is ${replaced}` : ""}. Start the server again.`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
