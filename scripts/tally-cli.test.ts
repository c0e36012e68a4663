import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { pabulibPath } from "#tests/helpers/pabulib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "tally-cli-"));

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

function cli(...args: string[]) {
  const run = spawnSync(TSX, ["scripts/tally.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function noStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/\.ts:\d+:\d+/);
}

describe("npm run tally", () => {
  it("prints exactly one JSON object for a good file and exits 0", () => {
    const run = cli(pabulibPath("Netherlands_Assen_2024.pb"), "--json");
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(Object.keys(result)).toEqual(["rule", "selected", "cost", "budget", "voters"]);
    expect(result).toEqual({
      rule: "mes-add1",
      selected: ["3", "9", "2", "11", "13", "14", "5", "6", "12"],
      cost: 76700,
      budget: 100000,
      voters: 84,
    });
  });

  it("prints a table of winners and totals without --json", () => {
    const run = cli(pabulibPath("Poland_Krakow_2024_Bienczyce.pb"), "--rule", "greedy");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/BO\.D16\.6\/24 +TRENING CZYNI Z NAS MISTRZA +602300 +1473/);
    expect(run.stdout).toContain("cost 1653300 of budget 1656699.67 (99.7%)");
    expect(run.stdout).toContain("voters 1741");
  });

  it("exits 2 with the line and the problem on stderr for a malformed file", () => {
    const file = path.join(TMP, "bad.pb");
    fs.writeFileSync(file, "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote\nv1;1,7\n");
    const run = cli(file, "--json");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`tally: ${file}:10: vote names unknown project "7"\n`);
    noStackTrace(run.stderr);
  });

  it("exits 2 on usage errors and unreadable files", () => {
    for (const run of [cli(), cli(pabulibPath("Netherlands_Assen_2024.pb"), "--rule", "borda"), cli(path.join(TMP, "missing.pb"))]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^tally: /);
      noStackTrace(run.stderr);
    }
  });
});
