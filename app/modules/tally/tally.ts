/**
 * Rule dispatch: turns an election and a rule name into the funded projects.
 *
 * Rules: greedy (by score, skip what does not fit), greedy-no-skip (stop at the first that does
 * not fit; projects below META min_project_score_threshold, when stated, are out first), greedy-threshold (greedy over projects scoring at least META
 * min_project_score_threshold), mes (Method of Equal Shares), mes-add1 (with Add1 completion),
 * mes-add1-comparison (then kept unless more voters prefer the greedy outcome). `auto` reads META
 * rule. Withdrawn projects (cost 999999999) and projects nobody supports are never funded.
 * Ties everywhere: lower cost, then higher score, then project id in natural order (tie-breaking.ts).
 */
import { fromUnits, parseDecimal, type Decimal } from "./decimal";
import type { Election } from "./election";
import { equalShares, equalSharesAdd1, type Add1Progress } from "./equal-shares";
import { greedy } from "./greedy";
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

export interface TallyResult {
  rule: Rule;
  /** Funded project ids in selection order. */
  selected: string[];
  /** Score (approvals or total points) of each selected project, aligned with `selected`. */
  scores: number[];
  cost: Decimal;
  budget: Decimal;
  voters: number;
}

export interface TallyOptions {
  /** Called between Add1 steps of the MES rules, for progress reports. */
  onProgress?: (progress: Add1Progress) => void;
}

export function ruleFromMeta(election: Election): Rule {
  const value = election.meta.rule;
  if (value === undefined) throw new TallyError("META has no rule; choose one with --rule");
  const rule = META_RULES[value];
  if (!rule) throw new TallyError(`META rule "${value}" is not supported; choose one with --rule`);
  return rule;
}

export function tally(election: Election, rule: Rule | "auto" = "auto", options: TallyOptions = {}): TallyResult {
  const resolved = rule === "auto" ? ruleFromMeta(election) : rule;
  const profile = buildProfile(election);
  const chosen = select(election, profile, resolved, options);
  const units = chosen.reduce((sum, i) => sum + profile.costs[i], 0n);
  return {
    rule: resolved,
    selected: chosen.map((i) => profile.ids[i]),
    scores: chosen.map((i) => profile.scores[i]),
    cost: fromUnits(units, profile.scale),
    budget: election.budget,
    voters: profile.voters,
  };
}

function select(election: Election, profile: TallyProfile, rule: Rule, options: TallyOptions): number[] {
  switch (rule) {
    case "greedy":
      return greedy(profile, { skip: true });
    case "greedy-no-skip": {
      // Gdynia's rule: projects below META min_project_score_threshold, when stated, are out first.
      const text = election.meta.min_project_score_threshold;
      const minScore = text === undefined ? undefined : (parseDecimal(text) ?? undefined);
      return greedy(profile, { skip: false, minScore });
    }
    case "greedy-threshold": {
      const text = election.meta.min_project_score_threshold;
      const minScore = text === undefined ? null : parseDecimal(text);
      if (!minScore) throw new TallyError("greedy-threshold needs a numeric META min_project_score_threshold");
      return greedy(profile, { skip: true, minScore });
    }
    case "mes":
      return equalShares(profile);
    case "mes-add1":
      return equalSharesAdd1(profile, options.onProgress);
    case "mes-add1-comparison":
      return preferredOverGreedy(profile, equalSharesAdd1(profile, options.onProgress));
  }
}

/**
 * The comparison step: each voter prefers the outcome giving them more utility (approval: more of
 * their approved projects funded; points ballots: more of their points funded). The MES outcome
 * stays unless strictly more voters prefer the greedy one.
 */
function preferredOverGreedy(profile: TallyProfile, mes: number[]): number[] {
  const greedyOutcome = greedy(profile, { skip: true });
  const inMes = new Set(mes);
  const inGreedy = new Set(greedyOutcome);
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
  return preferGreedy > preferMes ? greedyOutcome : mes;
}
