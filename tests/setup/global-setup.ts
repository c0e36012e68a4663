import fs from "node:fs";
import { TEMPLATE_DB, TMP_DIR } from "../helpers/paths";
import { applyMigrations } from "#db/migrate";
import { openDatabase } from "#db/client";

/** Migrates once into a template; every test then gets its own copy (tests/helpers/db.ts). */
export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const db = openDatabase(TEMPLATE_DB);
  applyMigrations(db);
  // Fold the WAL into the main file so a plain file copy is a complete database.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
