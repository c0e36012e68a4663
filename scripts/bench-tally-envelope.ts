/**
 * A large generated envelope for the tally benchmark, the same on every run (seeded PRNG):
 * 100,000 voters, 150 projects, each voter approving 1-10 distinct projects drawn with Zipf-like
 * popularity (weight 1/rank, ranks a seeded shuffle of the projects). Costs are drawn uniformly
 * from 1-5% of a nominal 10,000,000 and the budget is 40% of their total. (With 150 projects
 * costs of 1-5% of the budget itself would total about 4.5 budgets, so both cannot hold; this way
 * each project costs about 0.6-2.8% of the budget.)
 */
import type { Election } from "../app/modules/tally";

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatedEnvelope(seed = 20260101, voters = 100_000, projectCount = 150): Election {
  const random = prng(seed);
  const nominal = 10_000_000;
  const costs = Array.from({ length: projectCount }, () => Math.round(nominal * (0.01 + 0.04 * random())));
  const budget = Math.round(costs.reduce((a, b) => a + b, 0) * 0.4);
  const order = Array.from({ length: projectCount }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= projectCount; rank++) cumulative.push((total += 1 / rank));
  const draw = () => {
    const x = random() * total;
    let lo = 0;
    let hi = projectCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
  const projects = costs.map((cost, i) => ({ id: `p${i + 1}`, cost: { units: BigInt(cost), scale: 0 }, fields: {} }));
  const ballots = Array.from({ length: voters }, (_, v) => {
    const wanted = 1 + Math.floor(random() * 10);
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(draw());
    return { voterId: `v${v + 1}`, vote: [...chosen].map((i) => projects[i].id), points: null, fields: {} };
  });
  return {
    meta: { description: "generated envelope", budget: String(budget), vote_type: "approval", rule: "equalshares/add1" },
    budget: { units: BigInt(budget), scale: 0 },
    voteType: "approval",
    projectColumns: ["project_id", "cost"],
    voteColumns: ["voter_id", "vote"],
    projects,
    ballots,
  };
}
