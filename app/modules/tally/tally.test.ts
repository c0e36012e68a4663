import fs from "node:fs";
import { PABULIB_DIR, PABULIB_FILES, readPabulib } from "#tests/helpers/pabulib";
import { describe, expect, it } from "vitest";
import { decimalToNumber, formatDecimal, type Decimal } from "./decimal";
import { parsePb } from "./pb-format";
import { RULES, TallyError, ruleFromMeta, tally, tallyElection } from "./tally";
import { compareProjectIds } from "./tie-breaking";


function load(file: string) {
  return parsePb(readPabulib(file));
}

/**
 * What the city did in each shared file (README of ../shared/pabulib): the rule META names, and how
 * many projects it funded (null: the file has no selected column). The list of files itself is
 * PABULIB_FILES; every one of them needs an entry here.
 */
const CITY_OUTCOMES: Record<string, { rule: string; funded: number | null }> = {
  "Netherlands_Assen_2024.pb": { rule: "mes-add1", funded: 9 },
  "Poland_Swiecie_2023.pb": { rule: "mes-add1", funded: 17 },
  "Poland_Wieliczka_2023_Green_Budget.pb": { rule: "mes-add1-comparison", funded: 30 },
  "Poland_Warszawa_2023_Mokotow.pb": { rule: "greedy", funded: 24 },
  "Poland_Warszawa_2019_Wola.pb": { rule: "greedy", funded: 7 },
  "Poland_Lodz_2023_Widzew-Wschod.pb": { rule: "greedy-threshold", funded: 6 },
  "Poland_Krakow_2024_Bienczyce.pb": { rule: "greedy", funded: 6 },
  "Poland_Czestochowa_2024_Tysiaclecie.pb": { rule: "greedy", funded: 8 },
  "Poland_Katowice_2021_Giszowiec.pb": { rule: "greedy-threshold", funded: 8 },
  "Poland_Gdansk_2020_Wrzeszcz_Gorny.pb": { rule: "greedy", funded: null },
  "Poland_Zabrze_2020_Centrum_Poludnie.pb": { rule: "greedy", funded: null },
  "Poland_Warszawa_2026_Rakowiec.pb": { rule: "greedy-threshold", funded: 6 },
  "Poland_Gdynia_2023_Kamienna_Gora__small.pb": { rule: "greedy-no-skip", funded: 1 },
};

describe("shared Pabulib files", () => {
  it("are all present, and each has the city's outcome", () => {
    const present = fs.readdirSync(PABULIB_DIR).filter((f) => f.endsWith(".pb"));
    expect(present.sort()).toEqual([...PABULIB_FILES].sort());
    expect(PABULIB_FILES).toHaveLength(13);
    expect(Object.keys(CITY_OUTCOMES).sort()).toEqual([...PABULIB_FILES].sort());
  });

  it.each(PABULIB_FILES)("%s: --rule auto reproduces the funded set", (file) => {
    const { rule, funded } = CITY_OUTCOMES[file];
    const election = load(file);
    const result = tally(election, "auto");
    expect(result.rule).toBe(rule);
    // Reproduced on the rule's merits: no tie-break decided any of these outcomes.
    expect(result.ties).toEqual([]);
    expect(result.voters).toBe(election.ballots.length);
    expect(result.budget).toEqual(election.budget);
    expect(result.cost.units * 10n ** BigInt(election.budget.scale)).toBeLessThanOrEqual(
      election.budget.units * 10n ** BigInt(result.cost.scale),
    );
    if (funded === null) {
      expect(election.projectColumns).not.toContain("selected");
      expect(result.selected.length).toBeGreaterThan(0);
      return;
    }
    const expected = election.projects.filter((p) => p.fields.selected === "1").map((p) => p.id);
    expect(expected).toHaveLength(funded);
    expect(new Set(result.selected)).toEqual(new Set(expected));
    expect(result.selected).toHaveLength(expected.length);
  });
});

describe("rules", () => {
  it("greedy-threshold drops projects scoring below META min_project_score_threshold", () => {
    const election = load("Poland_Katowice_2021_Giszowiec.pb");
    const raised = { ...election, meta: { ...election.meta, min_project_score_threshold: "1000" } };
    const result = tally(raised, "greedy-threshold");
    const scores = new Map(election.projects.map((p) => [p.id, Number(p.fields.score)]));
    expect(result.selected.every((id) => (scores.get(id) ?? 0) >= 1000)).toBe(true);
    expect(result.selected).toEqual(["L17/04/VIII", "L17/05/VIII", "L17/08/VIII", "L17/11/VIII"]);
  });

  it("greedy-no-skip drops projects below META min_project_score_threshold first (Gdynia)", () => {
    const election = load("Poland_Gdynia_2023_Kamienna_Gora__small.pb");
    expect(tally(election, "greedy-no-skip").selected).toEqual(["2023/KAG/0009"]);
    // Without the threshold the next two (49 and 48 votes) fit before 2023/KAG/0004 stops the pass.
    const { min_project_score_threshold: _, ...meta } = election.meta;
    expect(tally({ ...election, meta }, "greedy-no-skip").selected).toEqual(["2023/KAG/0009", "2023/KAG/0006", "2023/KAG/0010"]);
  });

  it("greedy-no-skip stops at the first project that does not fit", () => {
    const result = tally(load("Poland_Lodz_2023_Widzew-Wschod.pb"), "greedy-no-skip");
    expect(result.selected).toEqual(["W198WW", "W069WW", "W035WW"]);
  });

  it("reads decimal budgets exactly (Krakow 1656699.67)", () => {
    const result = tally(load("Poland_Krakow_2024_Bienczyce.pb"), "greedy");
    expect(formatDecimal(result.budget)).toBe("1656699.67");
    expect(formatDecimal(result.cost)).toBe("1653300");
  });

  it("never funds a withdrawn project (cost 999999999)", () => {
    const election = load("Netherlands_Assen_2024.pb");
    const withdrawn = {
      ...election,
      budget: { units: 2_000_000_000n, scale: 0 },
      projects: election.projects.map((p) => (p.id === "3" ? { ...p, cost: { units: 999_999_999n, scale: 0 } } : p)),
    };
    for (const rule of RULES.filter((r) => r !== "greedy-threshold")) {
      expect(tally(withdrawn, rule).selected, rule).not.toContain("3");
    }
  });

  it("plain MES spends about half the budget, Add1 more", () => {
    const election = load("Poland_Wieliczka_2023_Green_Budget.pb");
    const plain = tally(election, "mes");
    const completed = tally(election, "mes-add1");
    expect(plain.selected.length).toBeLessThan(completed.selected.length);
    expect(plain.cost.units).toBeLessThan(completed.cost.units);
  });

  it("reports Add1 progress: raises that fit so far, never going back, and more runs each time", () => {
    const seen: { raise: number; runs: number }[] = [];
    const result = tally(load("Poland_Swiecie_2023.pb"), "mes-add1", { onProgress: (progress) => seen.push(progress) });
    expect(result.equalShares?.raise).toBe(242);
    expect(seen.length).toBeGreaterThan(10);
    seen.forEach((progress, k) => {
      expect(progress.raise).toBeLessThanOrEqual(242);
      if (k > 0) expect(progress.raise).toBeGreaterThan(seen[k - 1].raise);
      if (k > 0) expect(progress.runs).toBeGreaterThan(seen[k - 1].runs);
    });
    expect(seen[seen.length - 1].raise).toBeGreaterThan(200);
  });

  it("maps META rule values and rejects unknown ones", () => {
    const election = load("Netherlands_Assen_2024.pb");
    const withRule = (rule: string) => ({ ...election, meta: { ...election.meta, rule } });
    expect(ruleFromMeta(withRule("equalshares"))).toBe("mes");
    expect(ruleFromMeta(withRule("equalshares/add1-comparison"))).toBe("mes-add1-comparison");
    expect(() => tally(withRule("borda"), "auto")).toThrow(TallyError);
    expect(() => tally(withRule("borda"), "auto")).toThrow(/META rule "borda" is not supported/);
    expect(() => tally(election, "greedy-threshold")).toThrow(/min_project_score_threshold/);
  });

  it("tallies every shared file under every rule without exceeding the budget", () => {
    for (const file of PABULIB_FILES) {
      const election = load(file);
      const heavy = file === "Poland_Warszawa_2023_Mokotow.pb";
      for (const rule of RULES) {
        if (rule === "greedy-threshold" && election.meta.min_project_score_threshold === undefined) continue;
        if (heavy && rule.startsWith("mes-add1")) continue; // timed by npm run bench:tally
        const result = tally(election, rule);
        const scale = Math.max(result.cost.scale, result.budget.scale);
        const spent = result.cost.units * 10n ** BigInt(scale - result.cost.scale);
        expect(spent, `${file} ${rule}`).toBeLessThanOrEqual(result.budget.units * 10n ** BigInt(scale - result.budget.scale));
        expect(new Set(result.selected).size).toBe(result.selected.length);
      }
    }
  });
});

describe("tie-breaking", () => {
  it("orders project ids naturally and without locale", () => {
    const ids = ["11", "2", "b10", "b9", "B1", "a", "10a", "10", "02", "2"];
    expect([...ids].sort(compareProjectIds)).toEqual(["02", "2", "2", "10", "10a", "11", "B1", "a", "b9", "b10"]);
    expect(compareProjectIds("L17/10/VIII", "L17/9/VIII")).toBeGreaterThan(0);
    expect(compareProjectIds("x", "x")).toBe(0);
  });

  it("breaks MES ties by lower cost (Assen: 2 before 11)", () => {
    const { selected } = tally(load("Netherlands_Assen_2024.pb"), "mes");
    expect(selected.indexOf("2")).toBeGreaterThanOrEqual(0);
    expect(selected.indexOf("2")).toBeLessThan(selected.indexOf("11"));
  });
});

/** A small approval election: projects [id, cost], ballots as lists of ids. */
function approval(budget: number, projects: [string, number][], ballots: string[][]) {
  const lines = ["META", "key;value", `budget;${budget}`, "vote_type;approval", "PROJECTS", "project_id;cost"];
  lines.push(...projects.map(([id, cost]) => `${id};${cost}`), "VOTES", "voter_id;vote");
  lines.push(...ballots.map((b, i) => `v${i};${b.join(",")}`));
  return parsePb(lines.join("\n"));
}

describe("ties that decide the outcome", () => {
  it("greedy: equal scores, the cheaper one funded, and the other way round the dearer one would be", () => {
    const election = approval(100, [["A", 60], ["B", 70]], [["A"], ["A"], ["B"], ["B"]]);
    const result = tallyElection(election, { rule: "greedy" });
    expect(result.selected).toEqual(["A"]);
    expect(result.ties).toEqual([
      { stage: "greedy", step: 1, raise: null, projects: ["A", "B"], winner: "A", loser: "B", brokenBy: "lower-cost", otherwise: ["B"] },
    ]);
  });

  it("greedy: a tie that changes nothing is not reported", () => {
    const election = approval(200, [["A", 60], ["B", 70]], [["A"], ["A"], ["B"], ["B"]]);
    expect(tallyElection(election, { rule: "greedy" }).ties).toEqual([]);
  });

  it("greedy-no-skip: a tie that stops the pass earlier is reported", () => {
    // A (cheaper) goes first and fits; B would not fit first and would stop the pass at once.
    const election = approval(50, [["A", 40], ["B", 60]], [["A"], ["B"]]);
    const result = tallyElection(election, { rule: "greedy-no-skip" });
    expect(result.selected).toEqual(["A"]);
    expect(result.ties).toMatchObject([{ winner: "A", loser: "B", otherwise: [] }]);
  });

  it("Equal Shares: equal rho in a round, broken by project id; only the decisive pair is reported", () => {
    // v0 can pay for A or B (not both); v1 pays for C. All three cost the same and have one supporter.
    const election = approval(100, [["A", 50], ["B", 50], ["C", 50]], [["A", "B"], ["C"]]);
    const result = tallyElection(election, { rule: "mes" });
    expect(result.selected).toEqual(["A", "C"]);
    expect(result.ties).toEqual([
      { stage: "equal-shares", step: 1, raise: 0, projects: ["A", "B", "C"], winner: "A", loser: "B", brokenBy: "project-id", otherwise: ["B", "C"] },
    ]);
  });

  it("a given tie order replaces the default one and is named as the rule that decided", () => {
    const election = approval(100, [["A", 60], ["B", 70]], [["A"], ["A"], ["B"], ["B"]]);
    const result = tallyElection(election, { rule: "greedy", tieOrder: ["B", "A"] });
    expect(result.selected).toEqual(["B"]);
    expect(result.ties).toMatchObject([{ winner: "B", loser: "A", brokenBy: "given-order", otherwise: ["A"] }]);
    expect(() => tallyElection(election, { rule: "greedy", tieOrder: ["A"] })).toThrow(TallyError);
  });

  it("Assen under mes-add1: 2 and 11 tie in round 3 but both are funded, so no tie decided the outcome", () => {
    const result = tallyElection(load("Netherlands_Assen_2024.pb"), { rule: "mes-add1" });
    expect(result.selected.indexOf("2") + 1).toBe(result.selected.indexOf("11"));
    expect(result.ties).toEqual([]);
  });
});

describe("per-project explanations", () => {
  it("greedy: what was left when each project was considered", () => {
    const result = tallyElection(load("Poland_Warszawa_2026_Rakowiec.pb"));
    const why = new Map(result.perProject.map((p) => [p.id, p]));
    expect(result.perProject.map((p) => p.id)).toEqual(load("Poland_Warszawa_2026_Rakowiec.pb").projects.map((p) => p.id));
    expect(why.get("1493")).toMatchObject({ selected: true, order: 1, score: 542, explanation: { kind: "greedy-funded", rank: 1 } });
    expect(formatDecimal((why.get("16")?.explanation as { budgetLeft: Decimal }).budgetLeft)).toBe("106604");
    expect(why.get("16")).toMatchObject({ selected: false, order: null, explanation: { kind: "greedy-did-not-fit", rank: 3 } });
    expect(why.get("1812")).toMatchObject({ score: 491, supporters: 491 });
  });

  it("greedy-no-skip and the threshold: below it, or never reached", () => {
    const result = tallyElection(load("Poland_Gdynia_2023_Kamienna_Gora__small.pb"));
    const kinds = result.perProject.map((p) => [p.id, p.explanation.kind]);
    expect(kinds).toContainEqual(["2023/KAG/0009", "greedy-funded"]);
    expect(kinds.filter(([, kind]) => kind === "below-threshold")).toHaveLength(7);
    const election = load("Poland_Gdynia_2023_Kamienna_Gora__small.pb");
    const { min_project_score_threshold: _, ...meta } = election.meta;
    const open = tallyElection({ ...election, meta }, { rule: "greedy-no-skip" });
    const stop = open.perProject.find((p) => p.id === "2023/KAG/0007");
    expect(stop?.explanation).toEqual({ kind: "greedy-not-reached", rank: 5, stoppedAt: "2023/KAG/0004" });
  });

  it("Equal Shares: payers and payments add up to the cost; the others could not be paid for", () => {
    const election = load("Poland_Swiecie_2023.pb");
    const result = tallyElection(election, { rule: "mes-add1" });
    expect(result.equalShares?.raise).toBe(242);
    expect(result.equalShares?.share).toBeCloseTo(1070000 / 2553 + 242, 6);
    for (const p of result.perProject) {
      const cost = decimalToNumber(p.cost);
      if (p.explanation.kind === "mes-funded") {
        const { payers, averagePayment, paymentPerPoint, paidAllTheyHad, round } = p.explanation;
        expect(round).toBe((p.order ?? 0));
        expect(payers).toBeLessThanOrEqual(p.supporters);
        expect(averagePayment * payers).toBeCloseTo(cost, 3);
        if (paidAllTheyHad === 0) expect(paymentPerPoint * payers).toBeCloseTo(cost, 3);
      } else {
        expect(p.explanation.kind).toBe("mes-unaffordable");
        expect(p.selected).toBe(false);
        if (p.explanation.kind === "mes-unaffordable") expect(p.explanation.moneyLeft).toBeLessThan(cost);
      }
    }
  });

  it("mes-add1-comparison says which outcome was kept and how many voters preferred each", () => {
    const result = tallyElection(load("Poland_Wieliczka_2023_Green_Budget.pb"));
    expect(result.comparison?.kept).toBe("equal-shares");
    expect(result.comparison?.preferEqualShares).toBeGreaterThanOrEqual(result.comparison?.preferGreedy ?? Infinity);
    expect(result.perProject.filter((p) => p.explanation.kind === "mes-funded")).toHaveLength(30);
  });
});
