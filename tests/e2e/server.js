// Starts the production build on a fresh database holding one account per role.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dbPath = path.resolve("tests/.e2e/e2e.db");
const outboxDir = path.resolve("tests/.e2e/outbox"); // E2E_OUTBOX in accounts.ts
fs.mkdirSync(path.dirname(dbPath), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
fs.rmSync(outboxDir, { recursive: true, force: true });

const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_PATH: dbPath,
  PORT: process.env.E2E_PORT ?? "3210",
  SESSION_SECRET: "e2e-only-secret-value-0123456789abcdef",
  ACCESS_LOG: "off",
  // No mail server: every message is an .eml file the specs read (tests/e2e/helpers.ts).
  MAIL_TRANSPORT: "outbox",
  OUTBOX_DIR: outboxDir,
  // The suite signs up dozens of residents from one address.
  SIGNUPS_PER_ADDRESS_PER_HOUR: "10000",
  // A tile "server" on this machine (tiles 404 and the map stays grey, but it works end to end).
  MAP_TILE_URL: `http://localhost:${process.env.E2E_PORT ?? "3210"}/tiles/{z}/{x}/{y}.png`,
};
execFileSync("node_modules/.bin/tsx", ["tests/e2e/prepare-db.ts"], { env, stdio: "inherit" });
const server = spawn("node", ["server.js"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
