import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterEach, beforeEach } from "vitest";
import { closeDatabase } from "#db/client";
import { TEMPLATE_DB, TMP_DIR } from "../helpers/paths";

// Each test runs against its own copy of the migrated template: no test sees another's data.
let current: string | undefined;

beforeEach(() => {
  current = path.join(TMP_DIR, `test-${crypto.randomUUID()}.db`);
  fs.copyFileSync(TEMPLATE_DB, current);
  process.env.DATABASE_PATH = current;
});

afterEach(() => {
  if (!current) return;
  closeDatabase(current);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(current + suffix, { force: true });
  current = undefined;
});
