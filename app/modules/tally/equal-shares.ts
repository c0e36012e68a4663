/**
 * The Method of Equal Shares (https://equalshares.net) with Add1 completion, exact.
 *
 * Every voter starts with the same share of the budget. Each round funds the affordable project
 * with the lowest rho, where rho solves sum over supporters of min(purse_i, rho * u_i) = cost, and
 * each supporter pays min(purse_i, rho * u_i). Approval ballots use cost utilities (u_i = cost);
 * points ballots use u_i = points. A project is affordable when its supporters' purses cover its
 * cost. Ties: lower cost, then higher score, then project id (tie-breaking.ts).
 *
 * Outcomes come from a certified floating-point engine (mes-certified.ts) that proves every
 * decision with rounding bounds, or from the exact BigInt engine (mes-exact.ts) when it cannot.
 */
import { certifiedMes } from "./mes-certified";
import { exactMes } from "./mes-exact";
import { buildMesInstance, outcomeCost, type MesInstance, type MesTie } from "./mes-instance";
import type { TallyProfile } from "./profile";

export interface Add1Progress {
  /** Whole currency units added to every voter's starting share so far (the last raise that fits). */
  raise: number;
  /** Engine runs so far; a certified range run settles many raises at once. */
  runs: number;
}

/** The outcome of one MES rule, with what the explanation needs. Profile project indices. */
export interface MesRun {
  inst: MesInstance;
  /** Funded projects in selection order (profile indices). */
  selected: number[];
  /** Whole currency units added to every voter's starting share budget / voters. */
  raise: number;
  /** Rounds of the final run where another project had exactly the winner's rho (profile indices). */
  ties: MesTie[];
}

/** MES, plain (`add1` false) or with Add1 completion, at the final share with its ties recorded. */
export function equalSharesRun(profile: TallyProfile, add1: boolean, onProgress?: (progress: Add1Progress) => void): MesRun {
  const inst = buildMesInstance(profile);
  if (profile.voters === 0) return { inst, selected: [], raise: 0, ties: [] };
  const raise = add1 ? add1Raise(inst, onProgress) : 0;
  const ties: MesTie[] = [];
  const outcome = certifiedMes(inst, raise, raise, ties) ?? exactMes(inst, raise, ties);
  const toProject = (j: number) => inst.projects[j];
  return {
    inst,
    selected: outcome.map(toProject),
    raise,
    ties: ties.map((t) => ({ round: t.round, winner: toProject(t.winner), tied: t.tied.map(toProject) })),
  };
}

/** Plain MES with the real budget: each voter starts with budget / voters. Indices in selection order. */
export function equalShares(profile: TallyProfile): number[] {
  if (profile.voters === 0) return [];
  const inst = buildMesInstance(profile);
  return toProjects(inst, outcomeAt(inst, 0));
}

/**
 * MES with Add1 completion: raise every starting share by one currency unit while the outcome
 * still fits the real budget; the answer is the last outcome that fits (not the first exhaustive
 * one). Single raises are settled by one run each; ranges of raises with one provable outcome are
 * tried too (they pay off in long stretches where nothing changes), backing off after failures.
 */
export function equalSharesAdd1(profile: TallyProfile, onProgress?: (progress: Add1Progress) => void): number[] {
  if (profile.voters === 0) return [];
  const inst = buildMesInstance(profile);
  return toProjects(inst, outcomeAt(inst, add1Raise(inst, onProgress)));
}

/** The last raise whose outcome fits, Add1 style (see equalSharesAdd1). */
function add1Raise(inst: MesInstance, onProgress?: (progress: Add1Progress) => void): number {
  let raise = 0;
  let fitting = outcomeAt(inst, 0);
  let runs = 1;
  let span = 2; // raises the next range attempt covers
  let pointSteps = 0; // single raises to do before the next range attempt
  let backoff = 1; // single raises after a failed attempt; doubles up to 64
  // Once everything fundable is funded, raising cannot change anything.
  while (fitting.length < inst.projects.length) {
    onProgress?.({ raise, runs });
    runs++;
    let covered = 1;
    let outcome = pointSteps === 0 ? certifiedMes(inst, raise + 1, raise + span) : null;
    if (outcome) {
      covered = span;
      span *= 2;
    } else {
      if (pointSteps === 0) {
        runs++;
        pointSteps = backoff;
        backoff = Math.min(64, backoff * 2);
        span = 2;
      } else {
        pointSteps--;
      }
      outcome = outcomeAt(inst, raise + 1);
    }
    // Every raise in the covered range has this outcome, so the first of them decides.
    if (outcomeCost(inst, outcome) > inst.budget) break;
    fitting = outcome;
    raise += covered;
  }
  return raise;
}

/** The exact outcome at one raise: certified when possible, computed exactly otherwise. */
function outcomeAt(inst: MesInstance, raise: number): number[] {
  return certifiedMes(inst, raise, raise) ?? exactMes(inst, raise);
}

function toProjects(inst: MesInstance, candidates: number[]): number[] {
  return candidates.map((j) => inst.projects[j]);
}
