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

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
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
