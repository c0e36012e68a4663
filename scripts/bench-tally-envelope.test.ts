import { describe, expect, it } from "vitest";
import { tally } from "../app/modules/tally";
import { generatedEnvelope } from "./bench-tally-envelope";

describe("the generated benchmark envelope", () => {
  it("is the same on every run, with ballots of 1-10 distinct projects and the budget at 40% of all costs", () => {
    const a = generatedEnvelope(7, 2_000, 40);
    expect(generatedEnvelope(7, 2_000, 40)).toEqual(a);
    expect(generatedEnvelope(8, 2_000, 40)).not.toEqual(a);
    for (const ballot of a.ballots) {
      expect(ballot.vote.length).toBeGreaterThanOrEqual(1);
      expect(ballot.vote.length).toBeLessThanOrEqual(10);
      expect(new Set(ballot.vote).size).toBe(ballot.vote.length);
    }
    const total = a.projects.reduce((sum, p) => sum + Number(p.cost.units), 0);
    expect(Number(a.budget.units) / total).toBeCloseTo(0.4, 3);
  });

  it.each([1, 2, 3])("seed %i: Add1 skipping raises gives what one-unit raises give", (seed) => {
    const envelope = generatedEnvelope(seed, 4_000, 60);
    const fast = tally(envelope, "mes-add1");
    const slow = tally(envelope, "mes-add1", { add1Search: "every-raise" });
    expect(fast.selected).toEqual(slow.selected);
    expect(fast.equalShares).toEqual(slow.equalShares);
    expect(fast.ties).toEqual(slow.ties);
    expect(fast.equalShares?.raise).toBeGreaterThan(8);
  });
});
