import type { Decimal } from "./decimal";
import type { TallyProfile } from "./profile";

export interface GreedyOptions {
  /** true: skip a project that does not fit and go on; false: stop at the first one (greedy-no-skip). */
  skip: boolean;
  /** Only projects scoring at least this take part (greedy-threshold, and greedy-no-skip when META states one). */
  minScore?: Decimal;
  /** Tie order to use instead of profile.tieRank (to ask what another tie-break would have done). */
  tieRank?: number[];
}

/** One project as the greedy pass met it, in ranking order. */
export interface GreedyStep {
  project: number;
  /** Budget left (money units) when it was considered; null when the pass had already stopped. */
  left: bigint | null;
  funded: boolean;
}

export interface GreedyTrace {
  /** Project indices in selection order. */
  selected: number[];
  /** Every eligible project (not withdrawn, supported, at or above the threshold) in ranking order. */
  steps: GreedyStep[];
  /** Supported, not withdrawn, but below the threshold. */
  belowThreshold: number[];
}

/**
 * Utilitarian greedy: projects by score, highest first (ties: see tie-breaking.ts), each funded
 * when it fits in what is left. Withdrawn projects and projects nobody supports never take part.
 */
export function greedyTrace(profile: TallyProfile, options: GreedyOptions): GreedyTrace {
  const { minScore } = options;
  const rank = options.tieRank ?? profile.tieRank;
  const supported = profile.ids.map((_, i) => i).filter((i) => !profile.withdrawn[i] && profile.scores[i] > 0);
  const reaches = (i: number) => !minScore || BigInt(profile.scores[i]) * 10n ** BigInt(minScore.scale) >= minScore.units;
  const eligible = supported.filter(reaches);
  eligible.sort((i, j) => profile.scores[j] - profile.scores[i] || rank[i] - rank[j]);
  const selected: number[] = [];
  const steps: GreedyStep[] = [];
  let left = profile.budget;
  let stopped = false;
  for (const i of eligible) {
    if (stopped) {
      steps.push({ project: i, left: null, funded: false });
      continue;
    }
    const fits = profile.costs[i] <= left;
    steps.push({ project: i, left, funded: fits });
    if (fits) {
      selected.push(i);
      left -= profile.costs[i];
    } else if (!options.skip) {
      stopped = true;
    }
  }
  return { selected, steps, belowThreshold: supported.filter((i) => !reaches(i)) };
}

/** Project indices in selection order. */
export function greedy(profile: TallyProfile, options: GreedyOptions): number[] {
  return greedyTrace(profile, options).selected;
}

/** A group of projects with equal scores whose order, set by the tie-break, changed what was funded. */
export interface GreedyTieEvent {
  /** 1-based place in the ranking where the group starts. */
  step: number;
  /** The group in tie order. */
  group: number[];
  /** A funded member ranked ahead of `loser`. */
  winner: number;
  /** Unfunded, but funded had it been first of the group. */
  loser: number;
  /** Tie ranks with `loser` moved to the front of the group: the other way of breaking the tie. */
  otherRank: number[];
}

/**
 * The ties that decided something. Within a group of equal scores the order only matters through
 * the budget left, and it matters exactly when some unfunded member would be funded (or, without
 * skipping, would stop the pass earlier) if it came first: so each unfunded member is tried first.
 */
export function greedyTies(profile: TallyProfile, options: GreedyOptions, trace: GreedyTrace): GreedyTieEvent[] {
  const rank = options.tieRank ?? profile.tieRank;
  const events: GreedyTieEvent[] = [];
  const steps = trace.steps;
  const funded = new Set(trace.selected);
  for (let start = 0; start < steps.length; ) {
    let end = start + 1;
    while (end < steps.length && profile.scores[steps[end].project] === profile.scores[steps[start].project]) end++;
    const group = steps.slice(start, end).map((s) => s.project);
    if (group.length > 1 && group.some((i) => funded.has(i)) && group.some((i) => !funded.has(i))) {
      for (const loser of group.filter((i) => !funded.has(i))) {
        const otherRank = moveToFront(rank, group, loser);
        const other = greedy(profile, { ...options, tieRank: otherRank });
        if (sameSet(other, trace.selected)) continue;
        const winner = group.find((i) => funded.has(i) && rank[i] < rank[loser]);
        if (winner !== undefined) events.push({ step: start + 1, group, winner, loser, otherRank });
      }
    }
    start = end;
  }
  return events;
}

/** Tie ranks with `first` ahead of the rest of `group`, the others keeping their order. */
export function moveToFront(rank: number[], group: number[], first: number): number[] {
  const byRank = [...group].sort((x, y) => rank[x] - rank[y]);
  const values = byRank.map((i) => rank[i]);
  const next = rank.slice();
  [first, ...byRank.filter((i) => i !== first)].forEach((i, k) => (next[i] = values[k]));
  return next;
}

export function sameSet(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}
