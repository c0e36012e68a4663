/**
 * Certified floating-point MES, for one starting share or a whole range [b1, b2] of them.
 *
 * Purses are doubles that are proven to stay close to their exact values, and a round is taken only
 * when the bounds derived from them prove the winner: affordable, and beating every other affordable
 * candidate, ties included (equal rho is proven exactly when nobody is capped, since then
 * rho = cost / (points * unit)). Then the outcome is the exact one. When a decision cannot be proven
 * (near-ties, or a range too wide), the run returns null and the caller falls back to single raises
 * or to the exact engine (mes-exact.ts). The rounds (mes-rounds.ts) are shared by two purse models:
 * - a range run (mes-range-run.ts) keeps every purse as an enclosure [lo, hi] of its exact value
 *   over the range of shares;
 * - a point run (mes-point-run.ts), at one share, keeps one purse and one error bound per ballot:
 *   one purse to update per payer and passes without branches on the purses, and it can start from
 *   the purses of the run one raise up where no payer was capped.
 */
import type { MesInstance, MesTie } from "./mes-instance";
import { PointRun } from "./mes-point-run";
import { RangeRun } from "./mes-range-run";
import { down, startRunRecord, up, U, workspaceFor, type CertifiedRounds, type RunRecord } from "./mes-rounds";

export { newRunRecord, type RunRecord } from "./mes-rounds";

/**
 * The MES outcome shared by every starting share in [budget/voters + fromRaise, budget/voters + toRaise]
 * (whole currency units), or null when this engine cannot prove one. `hints.use`: a record of a run
 * at a share of at least the range's top (speeds the run, changes nothing); `hints.record`: filled
 * with this run's record (valid when the run returns an outcome).
 */
export function certifiedMes(
  inst: MesInstance,
  fromRaise: number,
  toRaise: number,
  ties?: MesTie[],
  hints?: { use?: RunRecord | null; record?: RunRecord },
): number[] | null {
  const n = inst.voters;
  const lowNumerator = inst.budget + BigInt(fromRaise) * inst.currencyUnit * n;
  const highNumerator = inst.budget + BigInt(toRaise) * inst.currencyUnit * n;
  // Money must be exact as doubles for the error bounds to hold.
  const exactLimit = BigInt(Number.MAX_SAFE_INTEGER);
  if (highNumerator > exactLimit || inst.cost.some((c) => c > exactLimit)) return null;
  const space = workspaceFor(inst);
  let run: CertifiedRounds;
  if (fromRaise === toRaise) {
    // One rounding: the share is within U of its exact value, relatively.
    const share = Number(lowNumerator) / Number(n);
    run = new PointRun(inst, space, share, up(2 * U * share));
  } else {
    run = new RangeRun(inst, space, down(Number(lowNumerator) / Number(n)), up(Number(highNumerator) / Number(n)));
  }
  run.raise = fromRaise;
  run.hint = hints?.use ?? null;
  if (hints?.record) {
    run.record = hints.record;
    startRunRecord(run.record, fromRaise);
  }
  const outcome = run.run();
  if (outcome && hints?.record) hints.record.winners = outcome.slice();
  if (outcome && ties) ties.push(...run.ties);
  return outcome;
}
