// `npm test`: every check CI runs, in order, ending with one line "N passed, N failed".
// Typecheck, lint and build count as one check each; vitest and Playwright count their tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const results = { passed: 0, failed: 0 };

function step(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const run = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } });
  return run.status === 0;
}

function countCheck(name, command, args) {
  const ok = step(name, command, args);
  results[ok ? "passed" : "failed"] += 1;
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

fs.rmSync("test-results", { recursive: true, force: true });
countCheck("typecheck", "npx", ["tsc", "--noEmit"]);
countCheck("lint", "npx", ["eslint", "."]);

const vitestOk = step("unit and integration tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
const vitest = readJson("test-results/vitest.json");
if (vitest) {
  results.passed += vitest.numPassedTests;
  results.failed += vitest.numFailedTests;
}
if (!vitestOk && (!vitest || vitest.numFailedTests === 0)) results.failed += 1;

if (countCheck("build", "npm", ["run", "build"])) {
  const e2eOk = step("end-to-end tests", "npx", ["playwright", "test"]);
  const e2e = readJson("test-results/e2e.json");
  if (e2e) {
    results.passed += e2e.stats.expected + e2e.stats.flaky;
    results.failed += e2e.stats.unexpected;
  }
  if (!e2eOk && (!e2e || e2e.stats.unexpected === 0)) results.failed += 1;
}

console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 ? 1 : 0);
