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
import { certifiedMes, newRunRecord, type RunRecord } from "./mes-certified";
import { exactMes } from "./mes-exact";
import { buildMesInstance, outcomeCost, type MesInstance, type MesTie } from "./mes-instance";
import type { TallyProfile } from "./profile";

export interface Add1Progress {
  /** Whole currency units added to every voter's starting share so far (the last raise that fits). */
  raise: number;
  /** Engine runs so far; a certified range run settles many raises at once. */
  runs: number;
}

/**
 * How Add1 walks the raises. "skip" (default) settles stretches of raises with one certified range
 * run where it can prove they share one outcome; "every-raise" runs MES at each one-unit raise: the
 * slow reference the tests compare "skip" with. Both give the same answer by construction.
 */
export type Add1Search = "skip" | "every-raise";

export interface MesOptions {
  onProgress?: (progress: Add1Progress) => void;
  search?: Add1Search;
}

/** A tie met in some MES run: `raise` is the Add1 raise of that run (its first one, for a range run). */
export interface MesRunTie extends MesTie {
  raise: number;
}

/** The outcome of one MES rule, with what the explanation needs. Profile project indices. */
export interface MesRun {
  inst: MesInstance;
  /** Funded projects in selection order (profile indices). */
  selected: number[];
  /** Whole currency units added to every voter's starting share budget / voters. */
  raise: number;
  /**
   * Ties met on the way (profile indices): those of the final run first, then those of the other
   * Add1 runs, each pair of projects once. Any of them may have decided the outcome.
   */
  ties: MesRunTie[];
}

/** MES, plain (`add1` false) or with Add1 completion, at the final share with its ties recorded. */
export function equalSharesRun(profile: TallyProfile, add1: boolean, options: MesOptions = {}): MesRun {
  const inst = buildMesInstance(profile);
  if (profile.voters === 0) return { inst, selected: [], raise: 0, ties: [] };
  const met: MesRunTie[] = [];
  const raise = add1 ? add1Raise(inst, options, met) : 0;
  const final: MesTie[] = [];
  const outcome = outcomeAt(inst, raise, final);
  const toProject = (j: number) => inst.projects[j];
  const seen = new Set<string>();
  const ties: MesRunTie[] = [];
  for (const tie of [...final.map((t) => ({ ...t, raise })), ...met]) {
    const tied = tie.tied.filter((j) => {
      const key = `${tie.winner} ${j}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (tied.length > 0) ties.push({ round: tie.round, raise: tie.raise, winner: toProject(tie.winner), tied: tied.map(toProject) });
  }
  return { inst, selected: outcome.map(toProject), raise, ties };
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
 * one). The outcome is not monotone in the share, so a raise is skipped only inside a range that a
 * certified run proves to share one outcome.
 */
export function equalSharesAdd1(profile: TallyProfile, options: MesOptions = {}): number[] {
  if (profile.voters === 0) return [];
  const inst = buildMesInstance(profile);
  return toProjects(inst, outcomeAt(inst, add1Raise(inst, options, [])));
}

/** The last raise whose outcome fits, Add1 style (see equalSharesAdd1); ties met go to `ties`. */
export function add1Raise(inst: MesInstance, options: MesOptions, ties: MesRunTie[]): number {
  return options.search === "every-raise" ? everyRaise(inst, options, ties) : skippingRaises(inst, options, ties);
}

function everyRaise(inst: MesInstance, options: MesOptions, ties: MesRunTie[]): number {
  let raise = 0;
  let fitting = collect(ties, 0, (t) => outcomeAt(inst, 0, t));
  // Once everything fundable is funded, raising cannot change anything.
  while (fitting.length < inst.projects.length) {
    options.onProgress?.({ raise, runs: raise + 1 });
    const outcome = collect(ties, raise + 1, (t) => outcomeAt(inst, raise + 1, t));
    if (outcomeCost(inst, outcome) > inst.budget) break;
    fitting = outcome;
    raise++;
  }
  return raise;
}

/** Raises settled together by point runs from the highest down, each run hinting the next. */
const BLOCK = 8;

/**
 * Settles raises in blocks of point runs, from the highest of a block down, each run's lower bounds
 * pruning the next one's work (they hold at lower shares while the purchases agree). When a whole
 * block made the same purchases, a stretch where nothing changes may follow: the next raises are
 * tried as one certified range run (one outcome for all of them), doubling while that succeeds. The
 * first raise that does not fit ends the search, as with one-unit raises.
 */
function skippingRaises(inst: MesInstance, options: MesOptions, ties: MesRunTie[]): number {
  let raise = 0;
  let fitting = collect(ties, 0, (t) => outcomeAt(inst, 0, t));
  let runs = 1;
  let span = 0; // raises the next range attempt covers; 0: none is worth trying
  // Once everything fundable is funded, raising cannot change anything.
  while (fitting.length < inst.projects.length) {
    options.onProgress?.({ raise, runs });
    const from = raise + 1;
    if (span > 0) {
      runs++;
      const outcome = collect(ties, from, (t) => certifiedMes(inst, from, from + span - 1, t));
      if (outcome) {
        // Every raise in the range has this outcome, so the first of them decides.
        if (outcomeCost(inst, outcome) > inst.budget) break;
        fitting = outcome;
        raise = fitting.length === inst.projects.length ? from : raise + span;
        span *= 2;
        continue;
      }
      span = 0;
    }
    const block = pointBlock(inst, from, from + BLOCK - 1);
    runs += BLOCK;
    for (const { outcome, met } of block) {
      // Ties in raise order, up to the first raise that does not fit, as one-unit raises meet them.
      ties.push(...met);
      if (outcomeCost(inst, outcome) > inst.budget) return raise;
      fitting = outcome;
      raise++;
      // Everything funded: report the first raise that does it, as one-unit raises would.
      if (fitting.length === inst.projects.length) return raise;
    }
    const first = block[0].outcome;
    if (block.every(({ outcome }) => outcome.length === first.length && outcome.every((j, k) => j === first[k]))) span = 2 * BLOCK;
  }
  return raise;
}

/** Outcomes (and ties met) at raises from..to, in that order, computed from the highest down with hints. */
function pointBlock(inst: MesInstance, from: number, to: number): { outcome: number[]; met: MesRunTie[] }[] {
  const block: { outcome: number[]; met: MesRunTie[] }[] = [];
  let hint: RunRecord | null = null;
  // Two records in turn: each run reads the one before (its hint) and fills the other.
  const records = recordsFor(inst);
  for (let raise = to; raise >= from; raise--) {
    const record = records[raise % 2];
    const found: MesTie[] = [];
    let outcome = certifiedMes(inst, raise, raise, found, { use: hint, record });
    hint = outcome ? record : null;
    if (!outcome) {
      found.length = 0;
      outcome = exactMes(inst, raise, found);
    }
    block.push({ outcome, met: found.map((tie) => ({ ...tie, raise })) });
  }
  return block.reverse();
}

const blockRecords = new WeakMap<MesInstance, RunRecord[]>();

/** Two run records per instance, reused by every block (they hold a copy of every purse). */
function recordsFor(inst: MesInstance): RunRecord[] {
  let records = blockRecords.get(inst);
  if (!records) {
    records = [newRunRecord(inst), newRunRecord(inst)];
    blockRecords.set(inst, records);
  }
  return records;
}

/** Runs `engine` with a tie list and adds what it met to `ties`, tagged with the raise. */
function collect<T>(ties: MesRunTie[], raise: number, engine: (t: MesTie[]) => T): T {
  const met: MesTie[] = [];
  const outcome = engine(met);
  for (const tie of met) ties.push({ ...tie, raise });
  return outcome;
}

/** The exact outcome at one raise: certified when possible, computed exactly otherwise. */
function outcomeAt(inst: MesInstance, raise: number, ties?: MesTie[]): number[] {
  return certifiedMes(inst, raise, raise, ties) ?? exactMes(inst, raise, ties);
}

function toProjects(inst: MesInstance, candidates: number[]): number[] {
  return candidates.map((j) => inst.projects[j]);
}
