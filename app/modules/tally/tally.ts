/**
 * Rule dispatch: turns an election and a rule name into the funded projects.
 *
 * Rules: greedy (by score, skip what does not fit), greedy-no-skip (stop at the first that does
 * not fit; projects below META min_project_score_threshold, when stated, are out first),
 * greedy-threshold (greedy over projects scoring at least META min_project_score_threshold),
 * mes (Method of Equal Shares), mes-add1 (with Add1 completion),
 * mes-add1-comparison (then kept unless more voters prefer the greedy outcome). `auto` reads META
 * rule. Withdrawn projects (cost 999999999) and projects nobody supports are never funded.
 * Ties everywhere: lower cost, then higher score, then project id in natural order (tie-breaking.ts).
 * A tie that changed the funded set is reported in `ties`; each project carries the data that
 * explains its outcome in plain words (`perProject`). Pure: no I/O, safe in a worker thread (the
 * result is structured-clone friendly; money is exact Decimal, display-only figures are numbers).
 */
import { fromUnits, parseDecimal, type Decimal } from "./decimal";
import type { Election } from "./election";
import { equalSharesRun, type Add1Progress, type Add1Search, type MesRun } from "./equal-shares";
import { greedyTies, greedyTrace, sameSet, type GreedyOptions, type GreedyTrace } from "./greedy";
import { replayMes } from "./mes-replay";
import { buildProfile, type TallyProfile } from "./profile";

export const RULES = ["greedy", "greedy-no-skip", "greedy-threshold", "mes", "mes-add1", "mes-add1-comparison"] as const;
export type Rule = (typeof RULES)[number];

/** META rule values (Pabulib) and the rule each one means. */
const META_RULES: Record<string, Rule> = {
  greedy: "greedy",
  "greedy-no-skip": "greedy-no-skip",
  "greedy-threshold": "greedy-threshold",
  equalshares: "mes",
  "equalshares/add1": "mes-add1",
  "equalshares/add1-comparison": "mes-add1-comparison",
};

/** The election cannot be tallied as asked (unknown META rule, missing threshold). */
export class TallyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TallyError";
  }
}

/** The tie-break criterion that separated two tied projects (tie-breaking.ts). */
export type TieBreak = "lower-cost" | "higher-score" | "project-id" | "given-order";

/** A tie at the margin that decided the outcome: breaking it the other way funds a different set. */
export interface TallyTie {
  /** greedy: equal scores; equal-shares: equal payment per unit of utility (rho) in one round. */
  stage: "greedy" | "equal-shares";
  /** greedy: 1-based place in the ranking where the tied projects stand; equal-shares: 1-based round. */
  step: number;
  /** equal-shares: the Add1 raise (currency units per voter) of the run that met the tie; null for greedy. */
  raise: number | null;
  /** Every project in the tie, in the order the tie-break put them. */
  projects: string[];
  /** The project the tie-break favoured (bought in that round or funded in that place) ... */
  winner: string;
  /** ... over this one; had the tie gone its way, the funded set would be `otherwise`. */
  loser: string;
  brokenBy: TieBreak;
  /** The funded set, in selection order, had `loser` won the tie. */
  otherwise: string[];
}

/** Why a project was or was not funded, with the figures to say it in plain words. */
export type ProjectExplanation =
  | { kind: "withdrawn" }
  | { kind: "unsupported" }
  | { kind: "below-threshold"; threshold: Decimal }
  /** Greedy: `rank` is its 1-based place by score among the eligible; `budgetLeft` what was left when it was considered. */
  | { kind: "greedy-funded"; rank: number; budgetLeft: Decimal }
  | { kind: "greedy-did-not-fit"; rank: number; budgetLeft: Decimal }
  /** greedy-no-skip stopped at `stoppedAt` (which did not fit) before reaching it. */
  | { kind: "greedy-not-reached"; rank: number; stoppedAt: string }
  /**
   * Equal Shares: bought in `round` by `payers` supporters from their shares; a supporter with
   * enough money paid `paymentPerPoint` per utility point (approval: that is the payment),
   * `paidAllTheyHad` of them paid less, all they had left. Figures are rounded, for display.
   */
  | { kind: "mes-funded"; round: number; payers: number; paidAllTheyHad: number; paymentPerPoint: number; averagePayment: number }
  /** Equal Shares: when the rule stopped, its supporters together held `moneyLeft` (`holders` of them had any), less than its cost. */
  | { kind: "mes-unaffordable"; moneyLeft: number; holders: number };

export interface ProjectResult {
  id: string;
  cost: Decimal;
  /** Approvals, or total points for points ballots. */
  score: number;
  /** Voters whose counted ballot supports it. */
  supporters: number;
  selected: boolean;
  /** 1-based place in the selection order, null when not funded. */
  order: number | null;
  explanation: ProjectExplanation;
}

export interface TallyResult {
  rule: Rule;
  /** Funded project ids in selection order. */
  selected: string[];
  /** Score (approvals or total points) of each selected project, aligned with `selected`. */
  scores: number[];
  cost: Decimal;
  budget: Decimal;
  voters: number;
  /** Ties that decided the outcome (empty when the tie-break changed nothing). */
  ties: TallyTie[];
  /** Every project of the election, in file order. */
  perProject: ProjectResult[];
  /** Equal Shares rules: each voter's starting share (currency units, rounded) and the Add1 raise it includes. */
  equalShares: { share: number; raise: number } | null;
  /** mes-add1-comparison: voters preferring each outcome, and which one was kept. */
  comparison: { preferEqualShares: number; preferGreedy: number; kept: "equal-shares" | "greedy" } | null;
}

export interface TallyOptions {
  /** Called between Add1 steps of the MES rules, for progress reports. */
  onProgress?: (progress: Add1Progress) => void;
  /** How Add1 walks the raises; "every-raise" is the slow reference (equal-shares.ts). */
  add1Search?: Add1Search;
  /**
   * Every project id once, in the order ties are to be broken (e.g. a city's drawn lot), instead of
   * lower cost, higher score, project id. Scores (greedy) and rho (Equal Shares) still come first.
   */
  tieOrder?: string[];
}

export interface TallyElectionOptions extends TallyOptions {
  rule?: Rule | "auto";
}

export function ruleFromMeta(election: Election): Rule {
  const value = election.meta.rule;
  if (value === undefined) throw new TallyError("META has no rule; choose one with --rule");
  const rule = META_RULES[value];
  if (!rule) throw new TallyError(`META rule "${value}" is not supported; choose one with --rule`);
  return rule;
}

/** The entry point for the app and the command line: the funded projects, the ties that decided, and why each project fared as it did. */
export function tallyElection(election: Election, options: TallyElectionOptions = {}): TallyResult {
  return tally(election, options.rule ?? "auto", options);
}

export function tally(election: Election, rule: Rule | "auto" = "auto", options: TallyOptions = {}): TallyResult {
  const resolved = rule === "auto" ? ruleFromMeta(election) : rule;
  const built = buildProfile(election);
  const profile = options.tieOrder ? { ...built, tieRank: ranksFromOrder(built.ids, options.tieOrder) } : built;
  const run = runRule(election, profile, resolved, options);
  const units = run.selected.reduce((sum, i) => sum + profile.costs[i], 0n);
  const ties = run.tieEvents.flatMap((event) => {
    const other = runRule(election, { ...profile, tieRank: event.otherRank }, resolved, { add1Search: options.add1Search }).selected;
    if (sameSet(other, run.selected)) return [];
    const tie: TallyTie = {
      stage: event.stage,
      step: event.step,
      raise: event.raise,
      projects: event.group.map((i) => profile.ids[i]),
      winner: profile.ids[event.winner],
      loser: profile.ids[event.loser],
      brokenBy: options.tieOrder ? "given-order" : brokenBy(profile, event.winner, event.loser),
      otherwise: other.map((i) => profile.ids[i]),
    };
    return [tie];
  });
  return {
    rule: resolved,
    selected: run.selected.map((i) => profile.ids[i]),
    scores: run.selected.map((i) => profile.scores[i]),
    cost: fromUnits(units, profile.scale),
    budget: election.budget,
    voters: profile.voters,
    ties,
    perProject: explain(election, profile, run),
    equalShares: run.mes ? { share: replayOf(run.mes).share, raise: run.mes.raise } : null,
    comparison: run.comparison,
  };
}

interface TieEvent {
  stage: TallyTie["stage"];
  step: number;
  raise: number | null;
  group: number[];
  winner: number;
  loser: number;
  otherRank: number[];
}

interface RuleRun {
  selected: number[];
  /** The pass whose outcome was kept: greedy, or Equal Shares. */
  greedy: { trace: GreedyTrace; threshold: Decimal | undefined } | null;
  mes: MesRun | null;
  comparison: TallyResult["comparison"];
  tieEvents: TieEvent[];
}

function runRule(election: Election, profile: TallyProfile, rule: Rule, options: TallyOptions): RuleRun {
  switch (rule) {
    case "greedy":
      return greedyRun(profile, { skip: true });
    case "greedy-no-skip": {
      // Gdynia's rule: projects below META min_project_score_threshold, when stated, are out first.
      const text = election.meta.min_project_score_threshold;
      const minScore = text === undefined ? undefined : (parseDecimal(text) ?? undefined);
      return greedyRun(profile, { skip: false, minScore });
    }
    case "greedy-threshold": {
      const text = election.meta.min_project_score_threshold;
      const minScore = text === undefined ? null : parseDecimal(text);
      if (!minScore) throw new TallyError("greedy-threshold needs a numeric META min_project_score_threshold");
      return greedyRun(profile, { skip: true, minScore });
    }
    case "mes":
      return mesRun(profile, equalSharesRun(profile, false));
    case "mes-add1":
      return mesRun(profile, equalSharesRun(profile, true, { onProgress: options.onProgress, search: options.add1Search }));
    case "mes-add1-comparison":
      return preferredOverGreedy(profile, mesRun(profile, equalSharesRun(profile, true, { onProgress: options.onProgress, search: options.add1Search })));
  }
}

function greedyRun(profile: TallyProfile, options: GreedyOptions): RuleRun {
  const trace = greedyTrace(profile, options);
  const tieEvents = greedyTies(profile, options, trace).map((e) => ({ stage: "greedy" as const, raise: null, ...e }));
  return { selected: trace.selected, greedy: { trace, threshold: options.minScore }, mes: null, comparison: null, tieEvents };
}

function mesRun(profile: TallyProfile, mes: MesRun): RuleRun {
  const tieEvents = mes.ties.flatMap((tie) =>
    tie.tied.map((loser) => {
      const group = [tie.winner, ...tie.tied].sort((x, y) => profile.tieRank[x] - profile.tieRank[y]);
      // The other way: the loser just ahead of the winner, every other order unchanged.
      const otherRank = profile.tieRank.slice();
      otherRank[loser] = profile.tieRank[tie.winner] - 0.5;
      return { stage: "equal-shares" as const, step: tie.round + 1, raise: tie.raise, group, winner: tie.winner, loser, otherRank };
    }),
  );
  return { selected: mes.selected, greedy: null, mes, comparison: null, tieEvents };
}

/**
 * The comparison step: each voter prefers the outcome giving them more utility (approval: more of
 * their approved projects funded; points ballots: more of their points funded). The MES outcome
 * stays unless strictly more voters prefer the greedy one.
 */
function preferredOverGreedy(profile: TallyProfile, mes: RuleRun): RuleRun {
  const greedyOutcome = greedyRun(profile, { skip: true });
  const inMes = new Set(mes.selected);
  const inGreedy = new Set(greedyOutcome.selected);
  let preferGreedy = 0;
  let preferMes = 0;
  for (const ballot of profile.ballots) {
    let balance = 0;
    ballot.projects.forEach((project, t) => {
      if (inGreedy.has(project)) balance += ballot.values[t];
      if (inMes.has(project)) balance -= ballot.values[t];
    });
    if (balance > 0) preferGreedy += ballot.weight;
    else if (balance < 0) preferMes += ballot.weight;
  }
  const kept = preferGreedy > preferMes ? greedyOutcome : mes;
  const comparison = { preferEqualShares: preferMes, preferGreedy, kept: kept === mes ? ("equal-shares" as const) : ("greedy" as const) };
  // Either pass's ties may decide: a tie in greedy can change which outcome more voters prefer.
  return { ...kept, mes: mes.mes, comparison, tieEvents: [...mes.tieEvents, ...greedyOutcome.tieEvents] };
}

function ranksFromOrder(ids: string[], order: string[]): number[] {
  const position = new Map(order.map((id, k) => [id, k]));
  if (position.size !== order.length || order.length !== ids.length || ids.some((id) => !position.has(id))) {
    throw new TallyError("tieOrder must name every project exactly once");
  }
  return ids.map((id) => position.get(id) as number);
}

function brokenBy(profile: TallyProfile, winner: number, loser: number): TieBreak {
  if (profile.costs[winner] !== profile.costs[loser]) return "lower-cost";
  if (profile.scores[winner] !== profile.scores[loser]) return "higher-score";
  return "project-id";
}

const replays = new WeakMap<MesRun, ReturnType<typeof replayMes>>();
function replayOf(mes: MesRun): ReturnType<typeof replayMes> {
  let replay = replays.get(mes);
  if (!replay) {
    const slot = new Map(mes.inst.projects.map((p, j) => [p, j]));
    replay = replayMes(mes.inst, mes.raise, mes.selected.map((p) => slot.get(p) as number));
    replays.set(mes, replay);
  }
  return replay;
}

function explain(election: Election, profile: TallyProfile, run: RuleRun): ProjectResult[] {
  const order = new Map(run.selected.map((i, k) => [i, k + 1]));
  const supporters = new Array<number>(profile.ids.length).fill(0);
  for (const ballot of profile.ballots) for (const project of ballot.projects) supporters[project] += ballot.weight;
  const why = new Map<number, ProjectExplanation>();
  const money = (units: bigint) => fromUnits(units, profile.scale);
  const keptGreedy = run.comparison ? run.comparison.kept === "greedy" : run.greedy !== null;
  if (keptGreedy && run.greedy) {
    const { trace, threshold } = run.greedy;
    let stoppedAt: string | null = null;
    trace.steps.forEach((step, k) => {
      const rank = k + 1;
      if (step.left === null) why.set(step.project, { kind: "greedy-not-reached", rank, stoppedAt: stoppedAt ?? "" });
      else if (step.funded) why.set(step.project, { kind: "greedy-funded", rank, budgetLeft: money(step.left) });
      else {
        why.set(step.project, { kind: "greedy-did-not-fit", rank, budgetLeft: money(step.left) });
        stoppedAt ??= profile.ids[step.project];
      }
    });
    if (threshold) for (const i of trace.belowThreshold) why.set(i, { kind: "below-threshold", threshold });
  } else if (run.mes) {
    const mes = run.mes;
    const replay = replayOf(mes);
    mes.selected.forEach((project, k) => why.set(project, { kind: "mes-funded", round: k + 1, ...replay.purchases[k] }));
    mes.inst.projects.forEach((project, j) => {
      if (!why.has(project)) why.set(project, { kind: "mes-unaffordable", ...replay.leftAtEnd[j] });
    });
  }
  return election.projects.map((project, i) => {
    const fallback: ProjectExplanation = profile.withdrawn[i] ? { kind: "withdrawn" } : { kind: "unsupported" };
    return {
      id: project.id,
      cost: project.cost,
      score: profile.scores[i],
      supporters: supporters[i],
      selected: order.has(i),
      order: order.get(i) ?? null,
      explanation: why.get(i) ?? fallback,
    };
  });
}
