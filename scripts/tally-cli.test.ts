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
    expect(Object.keys(result)).toEqual(["rule", "selected", "cost", "budget", "voters", "ties", "warnings"]);
    expect(result).toEqual({
      rule: "mes-add1",
      selected: ["3", "9", "2", "11", "13", "14", "5", "6", "12"],
      cost: 76700,
      budget: 100000,
      voters: 84,
      ties: [],
      warnings: [],
    });
  });

  it("reports a tie that decided the outcome, in JSON and in words", () => {
    const file = path.join(TMP, "tie.pb");
    fs.writeFileSync(file, "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\nA;60\nB;70\nVOTES\nvoter_id;vote\nv1;A\nv2;B\n");
    const json = cli(file, "--json");
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).ties).toEqual([
      { stage: "greedy", step: 1, raise: null, projects: ["A", "B"], winner: "A", loser: "B", brokenBy: "lower-cost", otherwise: ["B"] },
    ]);
    const human = cli(file);
    expect(human.stdout).toContain(
      "a tie decided this outcome: at place 1 of the ranking, with equal scores, projects A, B were tied and the tie-break (lower cost first) favoured A over B; broken the other way, the funded set would be B",
    );
    expect(cli(pabulibPath("Poland_Krakow_2024_Bienczyce.pb")).stdout).toContain("no tie decided the outcome");
  });

  it("reports repeated projects and invalid ballots with their lines, and keeps going", () => {
    const rakowiec = cli(pabulibPath("Poland_Warszawa_2026_Rakowiec.pb"), "--json");
    expect(rakowiec.status).toBe(0);
    expect(JSON.parse(rakowiec.stdout).warnings).toEqual([
      { line: 477, kind: "repeated-project", action: "merged", message: 'vote names project "1812" more than once: counted once' },
    ]);
    const human = cli(pabulibPath("Poland_Warszawa_2026_Rakowiec.pb"));
    expect(human.stderr).toContain(`Poland_Warszawa_2026_Rakowiec.pb:477: warning: vote names project "1812" more than once`);
    const file = path.join(TMP, "limits.pb");
    fs.writeFileSync(file, "META\nkey;value\nbudget;100\nvote_type;approval\nmax_length;1\nPROJECTS\nproject_id;cost\nA;60\nB;70\nVOTES\nvoter_id;vote\nv1;A,B\nv2;B\n");
    const dropped = JSON.parse(cli(file, "--json", "--rule", "greedy").stdout);
    expect(dropped).toMatchObject({ selected: ["B"], voters: 1, warnings: [{ line: 12, kind: "invalid-ballot", action: "dropped" }] });
    const counted = JSON.parse(cli(file, "--json", "--rule", "greedy", "--invalid-ballots", "count").stdout);
    expect(counted).toMatchObject({ voters: 2, warnings: [{ line: 12, action: "counted" }] });
  });

  it("explains every project with --explain, and documents its choices in --help", () => {
    const run = cli(pabulibPath("Poland_Warszawa_2026_Rakowiec.pb"), "--explain");
    expect(run.stdout).toContain("16: not funded: ranked 3 by score, it did not fit in the 106,604 left after the higher-ranked projects");
    expect(run.stdout).toContain("1493: funded: ranked 1 by score, it fit in the 725,604 left");
    const mes = cli(pabulibPath("Netherlands_Assen_2024.pb"), "--explain");
    expect(mes.stdout).toMatch(/3: funded in round 1: its 43 supporters paid from their equal shares, 167 each/);
    const help = cli("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--invalid-ballots drop\|count/);
    expect(help.stdout).toMatch(/drop +\(default\) leave it out of the count/);
    expect(help.stdout).toMatch(/an approval ballot is a set, so the\s+project counts once/);
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
    const assen = pabulibPath("Netherlands_Assen_2024.pb");
    for (const run of [cli(), cli(assen, "--rule", "borda"), cli(assen, "--invalid-ballots", "keep"), cli(path.join(TMP, "missing.pb"))]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^tally: /);
      noStackTrace(run.stderr);
    }
  });

  it("npm run tally runs a plain-JavaScript bundle that it rebuilds when a source is newer", () => {
    const bundle = path.join(ROOT, ".cache", "tally", "tally.mjs");
    const launch = (...args: string[]) => spawnSync("node", ["scripts/tally-launch.mjs", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    const built = launch(pabulibPath("Netherlands_Assen_2024.pb"), "--json");
    expect(built.status).toBe(0);
    expect(built.stdout).toBe(cli(pabulibPath("Netherlands_Assen_2024.pb"), "--json").stdout);
    expect(fs.readFileSync(bundle, "utf8")).not.toMatch(/from "\.\.\/app\/modules\/tally"/);
    // An old bundle is rebuilt before it runs.
    const past = new Date(Date.now() - 3_600_000 * 24 * 365);
    fs.utimesSync(bundle, past, past);
    expect(launch(pabulibPath("Netherlands_Assen_2024.pb"), "--json").stdout).toBe(built.stdout);
    expect(fs.statSync(bundle).mtimeMs).toBeGreaterThan(past.getTime() + 1000);
  });
});
