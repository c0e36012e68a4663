import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Election, VoteType } from "./election";
import { certifiedMes } from "./mes-certified";
import { exactMes } from "./mes-exact";
import { buildMesInstance } from "./mes-instance";
import { parsePb, writePb } from "./pb-format";
import { buildProfile } from "./profile";
import { RULES, tally, type Rule } from "./tally";
import { compareProjectIds } from "./tie-breaking";

// ---------------------------------------------------------------------------------------------
// Generated elections: a few projects with small costs (ties are common), a few voters.

interface Spec {
  voteType: VoteType;
  costs: number[];
  withdrawn: boolean;
  budget: number;
  cents: boolean;
  threshold: number;
  ballots: { pick: number; points: number }[][];
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  voteType: fc.constantFrom<VoteType>("approval", "cumulative", "ordinal", "choose-1"),
  costs: fc.array(fc.oneof(fc.constantFrom(10, 20, 30), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 7 }),
  withdrawn: fc.boolean(),
  budget: fc.integer({ min: 1, max: 150 }),
  cents: fc.boolean(),
  threshold: fc.integer({ min: 0, max: 6 }),
  ballots: fc.array(fc.array(fc.record({ pick: fc.nat(), points: fc.integer({ min: 1, max: 3 }) }), { maxLength: 4 }), {
    minLength: 1,
    maxLength: 12,
  }),
});

const IDS = ["10", "9", "a", "b2", "b10", "3", "x"];

function buildElection(spec: Spec): Election {
  const scale = spec.cents ? 2 : 0;
  const money = (whole: number) => ({ units: BigInt(whole) * (spec.cents ? 100n : 1n) + (spec.cents ? 5n : 0n), scale });
  const costs = spec.withdrawn ? [...spec.costs, 999_999_999] : spec.costs;
  const projects = costs.map((cost, i) => ({
    id: IDS[i] ?? `p${i}`,
    cost: cost === 999_999_999 ? { units: 999_999_999n, scale: 0 } : money(cost),
    fields: {},
  }));
  const ballots = spec.ballots.map((picks, v) => {
    const chosen = [...new Set(picks.map((p) => p.pick % projects.length))];
    const vote = (spec.voteType === "choose-1" ? chosen.slice(0, 1) : chosen).map((i) => projects[i].id);
    const points = spec.voteType === "cumulative" ? vote.map((_, k) => picks[k].points) : null;
    return { voterId: `v${v}`, vote, points, fields: {} };
  });
  return {
    meta: { budget: "", vote_type: spec.voteType, min_project_score_threshold: String(spec.threshold) },
    budget: money(spec.budget),
    voteType: spec.voteType,
    projectColumns: ["project_id", "cost"],
    voteColumns: spec.voteType === "cumulative" ? ["voter_id", "vote", "points"] : ["voter_id", "vote"],
    projects,
    ballots,
  };
}

const electionArb = specArb.map(buildElection);

// ---------------------------------------------------------------------------------------------
// A deliberately naive reference MES: one purse per voter, exact fractions, no shortcuts.

class Q {
  constructor(
    readonly n: bigint,
    readonly d: bigint = 1n,
  ) {}
  add(o: Q) {
    return norm(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Q) {
    return norm(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Q) {
    return norm(this.n * o.n, this.d * o.d);
  }
  div(o: Q) {
    return norm(this.n * o.d, this.d * o.n);
  }
  cmp(o: Q) {
    const x = this.n * o.d;
    const y = o.n * this.d;
    return x < y ? -1 : x > y ? 1 : 0;
  }
}

function norm(n: bigint, d: bigint): Q {
  if (d < 0n) return norm(-n, -d);
  let a = n < 0n ? -n : n;
  let b = d;
  while (b) [a, b] = [b, a % b];
  return a > 1n ? new Q(n / a, d / a) : new Q(n, d);
}

const qOf = (units: bigint, scale: number) => norm(units, 10n ** BigInt(scale));

interface RefElection {
  ids: string[];
  cost: Q[];
  score: number[];
  eligible: boolean[];
  budget: Q;
  /** Per voter: project index -> utility points. */
  voters: Map<number, number>[];
  costUtility: boolean;
}

function reference(e: Election): RefElection {
  const index = new Map(e.projects.map((p, i) => [p.id, i]));
  const voters = e.ballots.map((b) => {
    const u = new Map<number, number>();
    b.vote.forEach((id, k) => {
      const points = e.voteType === "ordinal" ? b.vote.length - k : e.voteType === "cumulative" ? (b.points ?? [])[k] : 1;
      if (points > 0) u.set(index.get(id) as number, points);
    });
    return u;
  });
  const score = e.projects.map((_, i) => voters.reduce((s, u) => s + (u.get(i) ?? 0), 0));
  return {
    ids: e.projects.map((p) => p.id),
    cost: e.projects.map((p) => qOf(p.cost.units, p.cost.scale)),
    score,
    eligible: e.projects.map((p, i) => !(p.cost.units === 999_999_999n && p.cost.scale === 0) && score[i] > 0),
    budget: qOf(e.budget.units, e.budget.scale),
    voters,
    costUtility: e.voteType === "approval" || e.voteType === "choose-1",
  };
}

/** Lower cost, then higher score, then natural id order. */
function tieOrder(r: RefElection, x: number, y: number): number {
  return r.cost[x].cmp(r.cost[y]) || r.score[y] - r.score[x] || compareProjectIds(r.ids[x], r.ids[y]);
}

/** rho for project c given purses, or null if its supporters cannot pay. */
function rhoOf(r: RefElection, purses: Q[], c: number): Q | null {
  const supporters = r.voters.map((u, i) => ({ i, u: u.get(c) ?? 0 })).filter((s) => s.u > 0);
  const util = (u: number) => (r.costUtility ? r.cost[c].mul(new Q(BigInt(u))) : new Q(BigInt(u)));
  const money = supporters.reduce((s, { i }) => s.add(purses[i]), new Q(0n));
  if (money.cmp(r.cost[c]) < 0) return null;
  if (r.cost[c].n === 0n) return new Q(0n);
  supporters.sort((a, b) => purses[a.i].div(util(a.u)).cmp(purses[b.i].div(util(b.u))));
  let rest = r.cost[c];
  let weight = supporters.reduce((s, { u }) => s.add(util(u)), new Q(0n));
  for (const { i, u } of supporters) {
    if (purses[i].cmp(rest.div(weight).mul(util(u))) >= 0) break;
    rest = rest.sub(purses[i]);
    weight = weight.sub(util(u));
  }
  return rest.div(weight);
}

function pay(r: RefElection, purses: Q[], c: number, rho: Q): void {
  r.voters.forEach((u, i) => {
    const points = u.get(c) ?? 0;
    if (points === 0) return;
    const due = rho.mul(r.costUtility ? r.cost[c].mul(new Q(BigInt(points))) : new Q(BigInt(points)));
    purses[i] = due.cmp(purses[i]) >= 0 ? new Q(0n) : purses[i].sub(due);
  });
}

function referenceMes(r: RefElection, share: Q): number[] {
  const purses = r.voters.map(() => share);
  const selected: number[] = [];
  for (;;) {
    let best: { c: number; rho: Q } | null = null;
    r.ids.forEach((_, c) => {
      if (!r.eligible[c] || selected.includes(c)) return;
      const rho = rhoOf(r, purses, c);
      if (!rho) return;
      const order = best ? rho.cmp(best.rho) || tieOrder(r, c, best.c) : -1;
      if (order < 0) best = { c, rho };
    });
    if (!best) return selected;
    const { c, rho } = best as { c: number; rho: Q };
    pay(r, purses, c, rho);
    selected.push(c);
  }
}

function referenceAdd1(r: RefElection): number[] {
  const n = new Q(BigInt(r.voters.length));
  const fundable = r.eligible.filter(Boolean).length;
  let raise = 0n;
  let fitting = referenceMes(r, r.budget.div(n));
  while (fitting.length < fundable) {
    raise++;
    const next = referenceMes(r, r.budget.div(n).add(new Q(raise)));
    if (next.reduce((s, c) => s.add(r.cost[c]), new Q(0n)).cmp(r.budget) > 0) break;
    fitting = next;
  }
  return fitting;
}

// ---------------------------------------------------------------------------------------------

function spentWithin(e: Election, selected: string[]): boolean {
  const r = reference(e);
  const spent = selected.reduce((s, id) => s.add(r.cost[r.ids.indexOf(id)]), new Q(0n));
  return spent.cmp(r.budget) <= 0;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const RUNS = { numRuns: 300 };

describe("properties of generated elections", () => {
  it("no rule ever exceeds the budget, funds a withdrawn project or funds twice", () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        for (const rule of RULES) {
          const { selected } = tally(e, rule);
          expect(spentWithin(e, selected), rule).toBe(true);
          expect(new Set(selected).size).toBe(selected.length);
          for (const id of selected) expect(e.projects.find((p) => p.id === id)?.cost.units).not.toBe(999_999_999n);
        }
      }),
      RUNS,
    );
  });

  it("greedy is exhaustive: no unselected eligible project fits in what is left", () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        const r = reference(e);
        for (const rule of ["greedy", "greedy-threshold"] as Rule[]) {
          const { selected } = tally(e, rule);
          const left = selected.reduce((s, id) => s.sub(r.cost[r.ids.indexOf(id)]), r.budget);
          const threshold = Number(e.meta.min_project_score_threshold);
          r.ids.forEach((id, c) => {
            if (!r.eligible[c] || selected.includes(id) || (rule === "greedy-threshold" && r.score[c] < threshold)) return;
            expect(r.cost[c].cmp(left), `${rule}: ${id} fits`).toBeGreaterThan(0);
          });
          if (rule === "greedy-threshold") for (const id of selected) expect(r.score[r.ids.indexOf(id)]).toBeGreaterThanOrEqual(threshold);
        }
      }),
      RUNS,
    );
  });

  it("MES funds a project only when its supporters can pay for it from their shares", () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        const r = reference(e);
        const purses = r.voters.map(() => r.budget.div(new Q(BigInt(r.voters.length))));
        for (const id of tally(e, "mes").selected) {
          const c = r.ids.indexOf(id);
          const rho = rhoOf(r, purses, c);
          expect(rho, `${id} affordable`).not.toBeNull();
          pay(r, purses, c, rho as Q);
          expect(purses.every((p) => p.n >= 0n)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("MES and MES with Add1 equal a naive exact reference implementation", () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        const r = reference(e);
        const n = new Q(BigInt(r.voters.length));
        expect(tally(e, "mes").selected).toEqual(referenceMes(r, r.budget.div(n)).map((c) => r.ids[c]));
        expect(tally(e, "mes-add1").selected).toEqual(referenceAdd1(r).map((c) => r.ids[c]));
      }),
      RUNS,
    );
  });

  it("the exact engine, and the certified one when it certifies, equal the reference at any raise", () => {
    fc.assert(
      fc.property(electionArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 8 }), (e, raise, span) => {
        const r = reference(e);
        const profile = buildProfile(e);
        const inst = buildMesInstance(profile);
        const ids = (candidates: number[]) => candidates.map((j) => profile.ids[inst.projects[j]]);
        const share = (k: number) => r.budget.div(new Q(BigInt(r.voters.length))).add(new Q(BigInt(k)));
        const expected = referenceMes(r, share(raise)).map((c) => r.ids[c]);
        expect(ids(exactMes(inst, raise))).toEqual(expected);
        const ranged = certifiedMes(inst, raise, raise + span);
        if (ranged) {
          for (let k = raise; k <= raise + span; k++) expect(ids(ranged)).toEqual(referenceMes(r, share(k)).map((c) => r.ids[c]));
        }
      }),
      RUNS,
    );
  });

  it("a tie-break that changes the funded set is reported, and every reported tie changes it", () => {
    fc.assert(
      fc.property(electionArb, fc.nat(), (e, k) => {
        const profile = buildProfile(e);
        const order = profile.ids.map((_, i) => i).sort((x, y) => profile.tieRank[x] - profile.tieRank[y]).map((i) => profile.ids[i]);
        if (order.length < 2) return;
        // The default tie order with one adjacent pair swapped.
        const at = k % (order.length - 1);
        const swapped = [...order];
        [swapped[at], swapped[at + 1]] = [swapped[at + 1], swapped[at]];
        for (const rule of RULES) {
          const base = tally(e, rule);
          const other = tally(e, rule, { tieOrder: swapped });
          const same = new Set(other.selected).size === base.selected.length && base.selected.every((id) => other.selected.includes(id));
          if (!same) expect(base.ties.length, `${rule}: ${base.selected} vs ${other.selected}`).toBeGreaterThan(0);
          for (const tie of base.ties) {
            expect(new Set(tie.otherwise), rule).not.toEqual(new Set(base.selected));
            expect(tie.projects).toContain(tie.winner);
            expect(tie.projects).toContain(tie.loser);
          }
        }
      }),
      RUNS,
    );
  });

  it("Add1 skipping raises equals Add1 at every one-unit raise", () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        for (const rule of ["mes-add1", "mes-add1-comparison"] as Rule[]) {
          const fast = tally(e, rule);
          const slow = tally(e, rule, { add1Search: "every-raise" });
          expect(fast.selected, rule).toEqual(slow.selected);
          expect(fast.equalShares, rule).toEqual(slow.equalShares);
          expect(fast.ties, rule).toEqual(slow.ties);
        }
      }),
      RUNS,
    );
  });

  it("results do not depend on the order of voters or projects in the file", () => {
    fc.assert(
      fc.property(electionArb, fc.integer({ min: 1, max: 2 ** 30 }), (e, seed) => {
        const reordered = { ...e, projects: shuffled(e.projects, seed), ballots: shuffled(e.ballots, seed + 1) };
        for (const rule of RULES) expect(tally(reordered, rule).selected, rule).toEqual(tally(e, rule).selected);
      }),
      RUNS,
    );
  });

  it("writing and reading a generated election gives the same election", () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        const parsed = parsePb(writePb(e));
        expect(parsed.projects).toEqual(e.projects);
        expect(parsed.ballots).toEqual(e.ballots);
        expect(parsed.budget).toEqual(e.budget);
        expect(parsePb(writePb(parsed))).toEqual(parsed);
      }),
      RUNS,
    );
  });
});
