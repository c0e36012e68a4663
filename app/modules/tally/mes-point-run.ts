/**
 * A certified MES run at one starting share (see mes-certified.ts and PointRun below), the kind
 * Add1 makes by the hundred.
 */
import type { MesInstance } from "./mes-instance";
import { CertifiedRounds, U, down, freeBounds, lowerBoundOnly, sumSlack, uncappedBounds, up, type Bounds, type RunRecord, type Workspace } from "./mes-rounds";

/**
 * A run at one share. Every ballot has a purse and a bound on its error: |purse - exact| <= error,
 * and a purse of exactly 0 is exactly empty. Since min(purse, p * points) moves by at most as much
 * as the purse, a supporter's term is off by at most its error, and only the capped supporters'
 * errors enter the payment's bounds. Against a range run: one purse to update per payer, passes
 * without branches on the purses, and no per-candidate bookkeeping when a purse empties.
 */
export class PointRun extends CertifiedRounds {
  /** Per weighted ballot b: purse[3b] its purse, purse[3b + 1] its weight, purse[3b + 2] its error bound. */
  private readonly purse: Float64Array;
  /** At least every ballot's error. */
  private maxError: number;
  /** The starting share, rounded up: no purse exceeds it by more than `error`. */
  private readonly share: number;
  // The candidate being evaluated: its supporters with money and their points.
  private list: Int32Array = new Int32Array();
  private points: Int32Array = new Int32Array();
  private size = 0;
  /** Supporters capped by the latest fill are marked with its stamp (space.stamp). */
  private readonly capped: Int32Array;
  private readonly space: Workspace;
  /**
   * From gather and fill: the uncapped supporters that may yet be capped, those below limit times
   * their points (the others are "far").
   */
  private readonly near: Int32Array;
  private nearCount = 0;
  private limit = 0;
  private money = 0;
  /** Voters (ballot weights) and utility points of the supporters with money. */
  private voters = 0;
  private totalWeight = 0;
  // The capped set of the latest fill: its purses, voters, ballots, and the points outside it.
  private cappedMoney = 0;
  private cappedVoters = 0;
  private cappedError = 0;
  private cappedCount = 0;
  private freeWeight = 0;
  private neverCapped = false;
  /**
   * Approval ballots, after fill's passes on the purses (`filled`): at least every capped purse,
   * and the least purse less its error of the others but the far ones. They let covers skip its
   * pass (see there).
   */
  private cappedMost = 0;
  private freeLeast = -Infinity;
  private filled = false;

  private readonly startShare: number;
  private readonly startError: number;
  /** Per candidate: its supporters' money when it was last gathered in this run (Infinity: never). */
  private readonly lastMoney: Float64Array;

  constructor(inst: MesInstance, space: Workspace, share: number, error: number) {
    super(inst, space);
    this.replays = true;
    const ballots = inst.ballotWeight.length;
    this.purse = space.pointPurse;
    startPurses(this.purse, ballots, share, error);
    this.startShare = share;
    this.startError = error;
    this.share = up(share);
    this.maxError = error;
    this.capped = space.cappedStamp;
    this.space = space;
    this.lastMoney = space.lastMoney;
    this.lastMoney.fill(Infinity);
    this.near = space.near;
  }

  protected evaluate(j: number, best: Bounds | null): Bounds | null {
    const cost = this.cost[j];
    const unit = this.unit[j];
    if (cost === 0) return freeBounds(j);
    // A candidate that is likely to lose (one already has full bounds) or to be unaffordable (it had
    // little more than its cost when last gathered) is first only summed: that may settle it.
    const quick = best !== null || this.lastMoney[j] < 1.25 * cost;
    const size = quick ? this.sum(j) : this.gather(j, cost);
    this.lastMoney[j] = this.money;
    const slack = sumSlack(size);
    // The money is within the sum of the errors: first bounded by the largest, summed when that is not enough.
    const moneyHi = up(this.money * (1 + slack));
    const moneyLo = down(this.money * (1 - slack));
    let spread = up(this.voters * this.maxError);
    if (!(up(moneyHi + spread) < cost) && !(down(moneyLo - spread) >= cost)) spread = this.errorSum(size);
    if (up(moneyHi + spread) < cost) return null;
    const affordable = down(moneyLo - spread) >= cost;
    if (quick) {
      // p >= cost / (points of supporters with money), as in run.
      const pLo = down(cost / this.totalWeight);
      const rhoLo = down(pLo / unit);
      if (!affordable || (best && rhoLo > best.rhoHi)) return lowerBoundOnly(j, affordable, rhoLo, pLo);
      this.gather(j, cost);
    }
    this.fill(cost, false);
    const pLo = this.paymentLowerBound(cost);
    const rhoLo = down(pLo / unit);
    if (!affordable || (best && rhoLo > best.rhoHi)) {
      return lowerBoundOnly(j, affordable, rhoLo, pLo);
    }
    const pHi = this.paymentUpperBound(cost);
    if (this.neverCapped) {
      return uncappedBounds(j, affordable, cost, unit, this.totalWeight);
    }
    return { candidate: j, affordable, rhoLo, rhoHi: up(pHi / unit), pLo, pHi, exactW: null };
  }

  /**
   * Compacts j's list of supporters with money (emptied ones are dropped for good) and sums their
   * purses. Meanwhile makes the first water-filling pass at the smallest possible payment
   * p0 = cost / (points of supporters with money): those below p0 times their points are capped,
   * and those below twice that are listed as near (only they can be capped until the payment doubles).
   */
  private gather(j: number, cost: number): number {
    const { purse, near, capped } = this;
    const list = this.active[j];
    const points = this.activePoints[j];
    const count = this.activeCount[j];
    const p = cost / this.positiveWeight[j];
    const limit = 2 * p;
    const stamp = this.nextStamp();
    let size = 0;
    let money = 0;
    let voters = 0;
    let totalWeight = 0;
    let nearCount = 0;
    let cappedMoney = 0;
    let cappedVoters = 0;
    let cappedError = 0;
    let cappedCount = 0;
    let cappedWeight = 0;
    // Without branches on the purses (a mispredicted branch per supporter costs more than the
    // arithmetic): each supporter adds its terms times 0 or 1, and every list is written at its
    // end and advanced by 0 or 1.
    if (this.unitPoints) {
      // Every point is 1 (approval ballots): the points list (all ones, never compacted) is left alone.
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const x = purse[3 * b];
        const w = purse[3 * b + 1];
        const alive = +(x > 0);
        const isLow = alive & +(x < limit);
        const isCapped = alive & +(x < p);
        list[size] = b;
        near[nearCount] = size;
        capped[size] = stamp * isCapped;
        money += w * x;
        voters += w * alive;
        const cappedW = w * isCapped;
        cappedMoney += cappedW * x;
        cappedVoters += cappedW;
        cappedError += cappedW * purse[3 * b + 2];
        cappedCount += isCapped;
        nearCount += isLow - isCapped;
        size += alive;
      }
      totalWeight = voters;
      cappedWeight = cappedVoters;
    } else {
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const x = purse[3 * b];
        const w = purse[3 * b + 1];
        const v = points[t];
        const alive = +(x > 0);
        const isLow = alive & +(x < limit * v);
        const isCapped = alive & +(x < p * v);
        list[size] = b;
        points[size] = v;
        near[nearCount] = size;
        capped[size] = stamp * isCapped;
        money += w * x;
        voters += w * alive;
        totalWeight += w * v * alive;
        const cappedW = w * isCapped;
        cappedMoney += cappedW * x;
        cappedVoters += cappedW;
        cappedError += cappedW * purse[3 * b + 2];
        cappedCount += isCapped;
        cappedWeight += cappedW * v;
        nearCount += isLow - isCapped;
        size += alive;
      }
    }
    this.activeCount[j] = size;
    // Emptied purses leave positiveWeight as each candidate is gathered (an upper bound in between).
    this.positiveWeight[j] = totalWeight;
    this.list = list;
    this.points = points;
    this.size = size;
    this.money = money;
    this.voters = voters;
    this.totalWeight = totalWeight;
    this.nearCount = nearCount;
    this.limit = limit;
    this.cappedMoney = cappedMoney;
    this.cappedVoters = cappedVoters;
    this.cappedError = cappedError;
    this.cappedCount = cappedCount;
    this.freeWeight = totalWeight - cappedWeight;
    // Gather caps the purses below p.
    this.cappedMost = p;
    this.filled = false;
    return size;
  }

  /** Gather's compaction and sums alone (a third of its work): money, voters and points. */
  private sum(j: number): number {
    const { purse } = this;
    const list = this.active[j];
    const points = this.activePoints[j];
    const count = this.activeCount[j];
    let size = 0;
    let money = 0;
    let voters = 0;
    let totalWeight = 0;
    if (this.unitPoints) {
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const x = purse[3 * b];
        const alive = +(x > 0);
        list[size] = b;
        money += purse[3 * b + 1] * x;
        voters += purse[3 * b + 1] * alive;
        size += alive;
      }
      totalWeight = voters;
    } else {
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const x = purse[3 * b];
        const w = purse[3 * b + 1];
        const v = points[t];
        const alive = +(x > 0);
        list[size] = b;
        points[size] = v;
        money += w * x;
        voters += w * alive;
        totalWeight += w * v * alive;
        size += alive;
      }
    }
    this.activeCount[j] = size;
    this.positiveWeight[j] = totalWeight;
    this.list = list;
    this.points = points;
    this.size = size;
    this.money = money;
    this.voters = voters;
    this.totalWeight = totalWeight;
    return size;
  }

  /** A stamp no supporter carries yet. */
  private nextStamp(): number {
    if (this.space.stamp === 0x7fffffff) {
      this.capped.fill(0);
      this.space.stamp = 0;
    }
    return ++this.space.stamp;
  }

  /** Above the sum of the errors of j's supporters with money (just gathered). */
  private errorSum(size: number): number {
    const { purse, list } = this;
    let sum = 0;
    for (let i = 0; i < size; i++) sum += purse[3 * list[i] + 1] * purse[3 * list[i] + 2];
    return up(sum * (1 + sumSlack(size)));
  }

  /**
   * Float water-filling: caps every supporter whose purse is below the running payment per point
   * times their points, recomputes the payment, repeats. On the purses, it goes on from gather's
   * first pass over the near list; on the purses less their errors (`lower`), it starts afresh.
   * Leaves the capped set's sums. Relists the uncapped supporters below twice the payment when the
   * payment reaches the limit.
   */
  private fill(cost: number, lower: boolean): void {
    const { purse, capped, near, list, points, unitPoints } = this;
    let stamp: number;
    let source: Int32Array;
    let n: number;
    let limit: number;
    if (lower) {
      stamp = this.nextStamp();
      this.cappedMoney = this.cappedVoters = this.cappedError = this.cappedCount = 0;
      this.freeWeight = this.totalWeight;
      source = near;
      n = 0;
      limit = 0;
    } else {
      // Nobody capped at p0: the payment is p0 for everyone.
      if (this.cappedCount === 0) return;
      stamp = this.space.stamp;
      source = near;
      n = this.nearCount;
      limit = this.limit;
    }
    let { cappedMoney, cappedVoters, cappedError, cappedCount, cappedMost } = this;
    let freeLeast = Infinity;
    let relisted = lower;
    let free = this.freeWeight;
    let rest = cost - (lower ? 0 : cappedMoney);
    while (free > 0) {
      const p = rest / free;
      if (p >= limit) {
        // Far supporters may be capped from here: list every uncapped one below twice p.
        relisted = true;
        limit = 2 * p;
        n = 0;
        for (let i = 0; i < this.size; i++) {
          if (capped[i] === stamp) continue;
          const b = list[i];
          if (purse[3 * b] - (lower ? purse[3 * b + 2] : 0) < limit * (unitPoints ? 1 : points[i])) near[n++] = i;
        }
        source = near;
      }
      let kept = 0;
      let cappedWeight = 0;
      freeLeast = Infinity;
      for (let k = 0; k < n; k++) {
        const i = source[k];
        const b = list[i];
        const v = unitPoints ? 1 : points[i];
        const x = purse[3 * b];
        const own = lower ? x - purse[3 * b + 2] : x;
        if (own >= p * v) {
          near[kept++] = i;
          if (x - purse[3 * b + 2] < freeLeast) freeLeast = x - purse[3 * b + 2];
          continue;
        }
        capped[i] = stamp;
        const w = purse[3 * b + 1];
        rest -= w * own;
        if (x > cappedMost) cappedMost = x;
        cappedMoney += w * x;
        cappedVoters += w;
        cappedError += w * purse[3 * b + 2];
        cappedCount++;
        cappedWeight += w * v;
      }
      n = kept;
      free -= cappedWeight;
      if (cappedWeight === 0) break;
    }
    this.cappedMoney = cappedMoney;
    this.cappedVoters = cappedVoters;
    this.cappedError = cappedError;
    this.cappedCount = cappedCount;
    this.freeWeight = free;
    this.cappedMost = cappedMost;
    this.freeLeast = freeLeast;
    this.filled = !relisted && unitPoints;
  }

  /** Above the capped set's exact purses (each within error of its float). */
  private cappedMoneyHi(): number {
    const slack = 1 + sumSlack(this.cappedCount);
    return up(up(this.cappedMoney * slack) + up(this.cappedError * slack));
  }

  /**
   * A lower bound of the payment per point p*. For any set S of supporters:
   * cost = sum min(exact purse, p* points) <= sum_S exact purse + p* W(not S).
   */
  private paymentLowerBound(cost: number): number {
    if (this.freeWeight <= 0) return 0;
    const numerator = down(cost - this.cappedMoneyHi());
    return numerator <= 0 ? 0 : down(numerator / this.freeWeight);
  }

  /**
   * An upper bound of p*: any p at which the exact purses cover the cost. Tries the payment of the
   * capped set found on the purses, then one found on the purses less error. Sets neverCapped when
   * at that p nobody with money is capped. Needs certain affordability.
   */
  private paymentUpperBound(cost: number): number {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt === 1) this.fill(cost, true);
      if (this.freeWeight <= 0) continue;
      const candidate = up(((cost - this.cappedMoney + this.cappedError) / this.freeWeight) * (1 + 2 ** -30));
      if (this.covers(cost, candidate)) return candidate;
    }
    // At the largest purse / points ratio everyone pays everything, which covers the cost.
    this.neverCapped = false;
    let ratio = 0;
    for (let i = 0; i < this.size; i++) {
      const v = this.unitPoints ? 1 : this.points[i];
      const b = this.list[i];
      ratio = Math.max(ratio, up(up(this.purse[3 * b] + this.purse[3 * b + 2]) / v));
    }
    return ratio;
  }

  /**
   * Proven: at payment p per point the exact purses (at least purse - error each) cover the cost.
   * Also sets neverCapped. Far supporters (purse - error >= p * points) pay p * their points.
   */
  private covers(cost: number, p: number): boolean {
    const { purse, list, points, unitPoints } = this;
    const short = p < down((this.limit - this.maxError) / (1 + 16 * U));
    if (this.filled && short && p >= this.cappedMost && this.freeLeast >= up(p)) {
      // Without a pass: every capped supporter (purse <= p) pays at least purse - error, every
      // other one (purse - error >= p: those the fill visited last, and the far ones) pays p.
      const slack = sumSlack(this.cappedCount);
      const capped = Math.max(0, down(down(this.cappedMoney * (1 - slack)) - up(this.cappedError * (1 + slack))));
      this.neverCapped = this.cappedCount === 0;
      return down(capped + down(p * this.freeWeight)) * (1 - sumSlack(2 * this.size + 2)) >= cost;
    }
    let paid = 0;
    let neverCapped = true;
    for (let i = 0; i < this.size; i++) {
      const v = unitPoints ? 1 : points[i];
      const b = list[i];
      const own = purse[3 * b] - purse[3 * b + 2];
      const share = p * v;
      if (own < up(share)) neverCapped = false;
      if (own > 0) paid += purse[3 * b + 1] * Math.min(own, share);
    }
    this.neverCapped = neverCapped;
    return paid * (1 - sumSlack(2 * this.size + 2)) >= cost;
  }

  protected snapshot(record: RunRecord): void {
    record.snapshot.set(this.purse);
    record.snapshotRound = record.uncapped;
    record.snapshotError = this.maxError;
  }

  /**
   * Every purse is the snapshot's less gap exactly (nobody has been capped), computed with one
   * rounding more.
   */
  protected restore(hint: RunRecord, gap: number): boolean {
    const ballots = this.inst.ballotWeight.length;
    if (restoreShifted(this.purse, hint.snapshot, ballots, gap) > 0) {
      this.maxError = up(hint.snapshotError * (1 + 4 * U) + 4 * U * (this.share + gap));
      return true;
    }
    // Some purse would not stay positive (errors too large to tell): start afresh.
    startPurses(this.purse, ballots, this.startShare, this.startError);
    return false;
  }

  /**
   * Each supporter pays pHi * points from its purse, or all of it. A purse that cannot be positive
   * after any payment within the bounds becomes exactly 0; one that might is kept as MAY_HAVE_MONEY.
   * A payer's error grows by what the payment's bounds leave open, plus the rounding.
   */
  protected pay(winner: Bounds): void {
    const { purse, unitPoints } = this;
    const list = this.active[winner.candidate];
    const pts = this.activePoints[winner.candidate];
    const count = this.activeCount[winner.candidate];
    const { pHi, pLo } = winner;
    const open = pHi - pLo;
    const rounding = 4 * U * (this.share + this.maxError);
    let maxError = this.maxError;
    // With every point 1 each payer's error grows by the same amount, inflated so that the rounded
    // sum error + unitGrowth is still at least error + growth.
    const growth = up(up(open) + up(rounding + 4 * U * pHi));
    const unitGrowth = up(growth + 2 * U * (maxError + growth));
    if (unitPoints) maxError = up(maxError + unitGrowth);
    // The least that a payer's exact purse keeps after paying: min of purse - error - pHi * points.
    let leastLeft = Infinity;
    let mostPaid = 0;
    if (unitPoints) {
      mostPaid = pHi;
      // A purse is exactly empty when purse + error (rounded up) is at most pLo (rounded down).
      const emptyBelow = down(down(pLo) / (1 + 16 * U));
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const x = purse[3 * b];
        const error = purse[3 * b + 2];
        const left = x - pHi;
        // Plain comparisons: they are rarely true, so the branches predict well (Math.min does not).
        if (left - error < leastLeft) leastLeft = left - error;
        // Branch-free, as in gather: keeps what is left, becomes 0, or becomes the marker.
        const keeps = +(left > 0);
        const empty = +(x + error <= emptyBelow);
        purse[3 * b] = left * keeps + MAY_HAVE_MONEY * (1 - keeps - empty);
        purse[3 * b + 2] = error + unitGrowth;
      }
    } else {
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const x = purse[3 * b];
        const v = pts[t];
        const most = pHi * v;
        const left = x - most;
        const error = purse[3 * b + 2];
        if (left - error < leastLeft) leastLeft = left - error;
        if (most > mostPaid) mostPaid = most;
        if (left <= 0 && up(x + error) <= down(pLo * v)) {
          purse[3 * b] = 0;
          continue;
        }
        purse[3 * b] = left > 0 ? left : MAY_HAVE_MONEY;
        const grown = up(error + up(up(open * v) + up(rounding + 4 * U * most)));
        purse[3 * b + 2] = grown;
        if (grown > maxError) maxError = grown;
      }
    }
    // Each of the three operations behind leastLeft rounds by at most U of share + error + payment.
    this.paySlack = leastLeft - 4 * U * (this.share + this.maxError + mostPaid);
    this.maxError = maxError;
  }
}

/**
 * Purse and error per ballot (weights stay): the snapshot's purses less gap, errors grown by that
 * rounding. Returns the least purse; the caller must not use the result unless it is positive.
 */
function restoreShifted(target: Float64Array, snapshot: Float64Array, ballots: number, gap: number): number {
  let least = Infinity;
  for (let b = 0; b < ballots; b++) {
    const x = snapshot[3 * b];
    const left = x - gap;
    target[3 * b] = left;
    target[3 * b + 2] = snapshot[3 * b + 2] + 2 * U * x;
    if (left < least) least = left;
  }
  return least;
}

/** Purse and error per ballot (weights stay): every purse the starting share. */
function startPurses(target: Float64Array, ballots: number, share: number, error: number): void {
  for (let b = 0; b < ballots; b++) {
    target[3 * b] = share;
    target[3 * b + 2] = error;
  }
}

/**
 * The purse of a supporter who paid all it had, when its exact purse might still be positive (its
 * error covers the difference). A tiny normal double: subnormal ones make arithmetic very slow.
 */
const MAY_HAVE_MONEY = 1e-300;
