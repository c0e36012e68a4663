// `npm run demo`: everything a newcomer needs to see the forum: a secret, the database with its
// migrations and the demo city, a production build, and the server. Running it again keeps the data.
import { execSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";

const run = (cmd) => execSync(cmd, { stdio: "inherit" });

if (!fs.existsSync(".env")) {
  fs.writeFileSync(".env", `SESSION_SECRET=${crypto.randomBytes(32).toString("hex")}\n`);
  console.log("Wrote .env with a fresh SESSION_SECRET.");
}
process.loadEnvFile(".env");

run("npx tsx db/seed.ts");
console.log("Building the app (about 15 s)...");
run("npx remix vite:build --logLevel error");

const port = process.env.PORT || "3000";
// A short readable line per request (production logs are JSON lines for log tools).
// Without SMTP_HOST in .env, mail is written to data/outbox/*.eml (and listed at /admin/outbox).
const mail = process.env.SMTP_HOST ? {} : { MAIL_TRANSPORT: "outbox" };
const server = spawn("node", ["server.js"], { stdio: "inherit", env: { ACCESS_LOG: "short", ...mail, ...process.env, NODE_ENV: "production", PORT: port } });
setTimeout(() => {
  console.log(`\nThe forum is running at http://localhost:${port}`);
  run("npx tsx db/seed.ts --print-only");
}, 1500);
server.on("exit", (code) => process.exit(code ?? 0));
