import { PABULIB_FILES, readPabulib } from "#tests/helpers/pabulib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalShares, equalSharesAdd1, equalSharesRun } from "./equal-shares";
import { certifiedMes } from "./mes-certified";
import { exactMes } from "./mes-exact";
import { buildMesInstance, outcomeCost, type MesInstance } from "./mes-instance";
import type { Election } from "./election";
import { parsePb } from "./pb-format";
import { buildProfile } from "./profile";

function instance(file: string): { inst: MesInstance; profile: ReturnType<typeof buildProfile> } {
  const profile = buildProfile(parsePb(readPabulib(file)));
  return { inst: buildMesInstance(profile), profile };
}

/** Add1 the literal way, with the exact engine at every single raise. */
function exactAdd1(inst: MesInstance): { raise: number; outcome: number[] } {
  let raise = 0;
  let outcome = exactMes(inst, 0);
  while (outcome.length < inst.projects.length) {
    const next = exactMes(inst, raise + 1);
    if (outcomeCost(inst, next) > inst.budget) break;
    outcome = next;
    raise++;
  }
  return { raise, outcome };
}

// The float engine proves each decision with rounding bounds; these tests check that what it proves
// is what exact BigInt arithmetic computes, on the real files.
describe("certified floating point equals exact arithmetic on the shared files", () => {
  it.each(PABULIB_FILES.filter((f) => f !== "Poland_Warszawa_2023_Mokotow.pb"))("%s: MES and MES with Add1 (exact engine at every raise)", (file) => {
    const { inst, profile } = instance(file);
    expect(equalShares(profile)).toEqual(exactMes(inst, 0).map((j) => inst.projects[j]));
    const exact = exactAdd1(inst);
    expect(equalSharesAdd1(profile)).toEqual(exact.outcome.map((j) => inst.projects[j]));
  });

  it("Poland_Warszawa_2023_Mokotow.pb: sampled raises, including the last that fits and the first that does not", () => {
    const { inst } = instance("Poland_Warszawa_2023_Mokotow.pb");
    for (const raise of [0, 1, 57, 180, 358, 359, 360]) {
      expect(certifiedMes(inst, raise, raise), `raise ${raise}`).toEqual(exactMes(inst, raise));
    }
    expect(outcomeCost(inst, exactMes(inst, 359))).toBeLessThanOrEqual(inst.budget);
    expect(outcomeCost(inst, exactMes(inst, 360))).toBeGreaterThan(inst.budget);
  });

  it("certifies ranges of raises only when every raise in them has that outcome", () => {
    const { inst } = instance("Netherlands_Assen_2024.pb");
    let certified = 0;
    for (const [from, to] of [[1, 40], [100, 131], [200, 215], [600, 663]]) {
      const ranged = certifiedMes(inst, from, to);
      if (!ranged) continue;
      certified++;
      for (let raise = from; raise <= to; raise++) expect(exactMes(inst, raise), `raise ${raise}`).toEqual(ranged);
    }
    expect(certified).toBeGreaterThanOrEqual(2);
  });
});

describe("Add1 skipping raises equals Add1 at every one-unit raise", () => {
  it.each(PABULIB_FILES)("%s", (file) => {
    const { profile } = instance(file);
    const fast = equalSharesRun(profile, true, { search: "skip" });
    const reference = equalSharesRun(profile, true, { search: "every-raise" });
    expect(fast.raise).toBe(reference.raise);
    expect(fast.selected).toEqual(reference.selected);
    expect(fast.ties).toEqual(reference.ties);
  });

  // Found by the generated elections below: at raise 11, round 3, p1 and p7 tie with p2. The search
  // evaluates them in another order than a run without hints, and both must list them alike.
  it("lists three projects tied in one round alike, in the tie order, whatever order they were evaluated in", () => {
    const costs = [5, 17, 5, 5, 118, 5, 5, 21, 5];
    const votes = ["1", "7 0", "2 7 0", "0", "7", "1", "3", "7 3 4", "4 8", "3 4", "3 0", "7", "5", "2 1", "0", "3 4", "3", "4", "1 2", "4 3", "2 1", "3 4 1", "2 3 0", "4 0", "7", "4"];
    const election: Election = {
      meta: { budget: "63", vote_type: "approval" },
      budget: { units: 63n, scale: 0 },
      voteType: "approval",
      projectColumns: ["project_id", "cost"],
      voteColumns: ["voter_id", "vote"],
      projects: costs.map((cost, i) => ({ id: `p${i}`, cost: { units: BigInt(cost), scale: 0 }, fields: {} })),
      ballots: votes.map((vote, v) => ({ voterId: `v${v}`, vote: vote.split(" ").map((i) => `p${i}`), points: null, fields: {} })),
    };
    const profile = buildProfile(election);
    const fast = equalSharesRun(profile, true, { search: "skip" });
    const reference = equalSharesRun(profile, true, { search: "every-raise" });
    expect(fast.ties).toEqual(reference.ties);
    const id = (j: number) => profile.ids[j];
    expect(fast.ties.map((t) => [t.raise, t.round, id(t.winner), t.tied.map(id)])).toContainEqual([11, 3, "p2", ["p1", "p7"]]);
  });
});

// Medium-sized generated elections (tens to a few hundred voters), approval ballots (every point 1:
// the certified engine's approval loops) and cumulative ballots (points: its general loops).
const mediumElectionArb: fc.Arbitrary<Election> = fc
  .record({
    points: fc.boolean(),
    costs: fc.array(fc.integer({ min: 5, max: 400 }), { minLength: 2, maxLength: 12 }),
    budgetShare: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    ballots: fc.array(fc.array(fc.record({ pick: fc.nat(), points: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 6 }), {
      minLength: 20,
      maxLength: 300,
    }),
  })
  .map(({ points, costs, budgetShare, ballots }) => {
    const projects = costs.map((cost, i) => ({ id: `p${i}`, cost: { units: BigInt(cost), scale: 0 }, fields: {} }));
    const budget = Math.max(1, Math.round(costs.reduce((a, b) => a + b, 0) * budgetShare));
    return {
      meta: { budget: String(budget), vote_type: points ? "cumulative" : "approval" },
      budget: { units: BigInt(budget), scale: 0 },
      voteType: points ? "cumulative" : "approval",
      projectColumns: ["project_id", "cost"],
      voteColumns: points ? ["voter_id", "vote", "points"] : ["voter_id", "vote"],
      projects,
      ballots: ballots.map((picks, v) => {
        const chosen = [...new Set(picks.map((p) => p.pick % projects.length))];
        return { voterId: `v${v}`, vote: chosen.map((i) => projects[i].id), points: points ? chosen.map((_, k) => picks[k].points) : null, fields: {} };
      }),
    } satisfies Election;
  });

describe("generated medium elections, approval and points ballots", () => {
  it("the certified engine gives the exact outcome at every raise it proves", () => {
    fc.assert(
      fc.property(mediumElectionArb, (e) => {
        const inst = buildMesInstance(buildProfile(e));
        if (inst.projects.length === 0) return;
        for (const raise of [0, 1, 2, 5]) {
          const certified = certifiedMes(inst, raise, raise);
          if (certified) expect(certified, `raise ${raise}`).toEqual(exactMes(inst, raise));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("Add1 skipping raises equals Add1 at every one-unit raise", () => {
    fc.assert(
      fc.property(mediumElectionArb, (e) => {
        const profile = buildProfile(e);
        const fast = equalSharesRun(profile, true, { search: "skip" });
        const reference = equalSharesRun(profile, true, { search: "every-raise" });
        expect(fast.raise).toBe(reference.raise);
        expect(fast.selected).toEqual(reference.selected);
        expect(fast.ties).toEqual(reference.ties);
      }),
      { numRuns: 150 },
    );
  });
});
