import fs from "node:fs";
import { PABULIB_DIR, PABULIB_FILES, readPabulib } from "#tests/helpers/pabulib";
import { describe, expect, it } from "vitest";
import { formatDecimal } from "./decimal";
import { parsePb } from "./pb-format";
import { RULES, TallyError, ruleFromMeta, tally } from "./tally";
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

  it("reports Add1 progress", () => {
    const seen: number[] = [];
    tally(load("Poland_Swiecie_2023.pb"), "mes-add1", { onProgress: ({ raise }) => seen.push(raise) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBe(242);
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
