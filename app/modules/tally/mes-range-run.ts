/**
 * A certified MES run for a whole range [b1, b2] of starting shares (see mes-certified.ts): every
 * purse is an enclosure [lo, hi] of its exact value, lo as if every voter started with b1, hi as if
 * with b2, both widened at each step by a bound on the rounding error. (For a fixed sequence of
 * purchases purses only grow with the starting share and rho only falls, so the ends of the range
 * enclose everything in between.)
 */
import type { MesInstance } from "./mes-instance";
import { CertifiedRounds, U, down, freeBounds, lowerBoundOnly, sumSlack, uncappedBounds, up, type Bounds, type Workspace } from "./mes-rounds";

/** A run for a range of shares: every purse is an enclosure [lo, hi] of its exact value (see the top). */
export class RangeRun extends CertifiedRounds {
  /** Per weighted ballot b: purse[3b] lower bound, purse[3b + 1] upper bound, purse[3b + 2] weight. */
  private readonly purse: Float64Array;
  // The candidate being evaluated: its supporters with money, their points, and scratch space.
  private list: Int32Array = new Int32Array();
  private points: Int32Array = new Int32Array();
  private readonly capped: Uint8Array;
  private readonly near: Int32Array;
  /** From gather: supporters whose lower purse is below lowLimit * points, and the points of the others. */
  private readonly low: Int32Array;
  private lowCount = 0;
  private lowLimit = 0;
  private farWeight = 0;
  // Results of the latest gather / waterFill / covers.
  private moneyLo = 0;
  private moneyHi = 0;
  private totalWeight = 0;
  private cappedHi = 0;
  private cappedLo = 0;
  private cappedCount = 0;
  private freeWeight = 0;
  private rest = 0;
  private nearCount = -1;
  private nearLimit = 0;
  private neverCapped = false;

  constructor(inst: MesInstance, space: Workspace, shareLo: number, shareHi: number) {
    super(inst, space);
    const ballots = inst.ballotWeight.length;
    this.purse = space.rangePurse;
    for (let b = 0; b < ballots; b++) {
      this.purse[3 * b] = shareLo;
      this.purse[3 * b + 1] = shareHi;
    }
    this.capped = space.capped;
    this.near = space.near;
    this.low = space.low;
  }

  /**
   * Bounds on candidate j's rho, or null when it is unaffordable for every share in the range (and
   * stays so). The upper bound is skipped when the lower one already loses to `best`.
   */
  protected evaluate(j: number, best: Bounds | null): Bounds | null {
    const cost = this.cost[j];
    const unit = this.unit[j];
    if (cost === 0) return freeBounds(j);
    const size = this.gather(j, cost);
    const slack = sumSlack(size);
    if (this.moneyHi * (1 + slack) < cost) return null;
    const affordable = this.moneyLo * (1 - slack) >= cost;
    const pLo = this.paymentLowerBound(size, cost);
    const rhoLo = down(pLo / unit);
    if (!affordable || (best && rhoLo > best.rhoHi)) {
      return lowerBoundOnly(j, affordable, rhoLo, pLo);
    }
    const pHi = this.paymentUpperBound(size, cost);
    if (this.neverCapped) {
      return uncappedBounds(j, affordable, cost, unit, this.totalWeight);
    }
    return { candidate: j, affordable, rhoLo, rhoHi: up(pHi / unit), pLo, pHi, exactW: null };
  }

  /**
   * Compacts j's list of supporters with money (emptied ones are dropped for good) and sums their
   * purses; meanwhile makes the first water-filling pass on the upper purses, at the payment
   * cost / (points of supporters with money). Returns how many supporters have money.
   */
  private gather(j: number, cost: number): number {
    const { purse, capped, near } = this;
    const list = this.active[j];
    const points = this.activePoints[j];
    const count = this.activeCount[j];
    const p = cost / this.positiveWeight[j];
    const limit = 2 * p;
    let size = 0;
    let moneyLo = 0;
    let moneyHi = 0;
    let totalWeight = 0;
    let cappedHi = 0;
    let cappedLo = 0;
    let cappedWeight = 0;
    let cappedCount = 0;
    let nearCount = 0;
    const low = this.low;
    let lowCount = 0;
    let farWeight = 0;
    if (this.unitPoints) {
      // Every point is 1 (approval ballots): the same sums with v = 1, and the points list (all
      // ones, never compacted) is left alone. The list is rewritten only after the first drop.
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const h = purse[3 * b + 1];
        if (h === 0) continue;
        const l = purse[3 * b];
        const w = purse[3 * b + 2];
        if (size !== t) list[size] = b;
        moneyLo += w * l;
        moneyHi += w * h;
        totalWeight += w;
        if (l < limit) low[lowCount++] = size;
        else farWeight += w;
        if (h < p) {
          capped[size] = 1;
          cappedHi += w * h;
          cappedLo += w * l;
          cappedWeight += w;
          cappedCount++;
        } else {
          capped[size] = 0;
          if (h < limit) near[nearCount++] = size;
        }
        size++;
      }
    } else {
      for (let t = 0; t < count; t++) {
        const b = list[t];
        const h = purse[3 * b + 1];
        if (h === 0) continue;
        const l = purse[3 * b];
        const w = purse[3 * b + 2];
        const v = points[t];
        list[size] = b;
        points[size] = v;
        moneyLo += w * l;
        moneyHi += w * h;
        totalWeight += w * v;
        if (l < limit * v) low[lowCount++] = size;
        else farWeight += w * v;
        if (h < p * v) {
          capped[size] = 1;
          cappedHi += w * h;
          cappedLo += w * l;
          cappedWeight += w * v;
          cappedCount++;
        } else {
          capped[size] = 0;
          if (h < limit * v) near[nearCount++] = size;
        }
        size++;
      }
    }
    this.activeCount[j] = size;
    this.list = list;
    this.points = points;
    this.moneyLo = moneyLo;
    this.moneyHi = moneyHi;
    this.totalWeight = totalWeight;
    this.cappedHi = cappedHi;
    this.cappedLo = cappedLo;
    this.cappedCount = cappedCount;
    this.freeWeight = totalWeight - cappedWeight;
    this.rest = cost - cappedHi;
    this.nearCount = cappedWeight === 0 ? -2 : nearCount;
    this.nearLimit = limit;
    this.lowCount = lowCount;
    this.farWeight = farWeight;
    // A far supporter (lower purse >= limit * points) is never capped below this payment (rounding included).
    this.lowLimit = limit / (1 + 16 * U);
    return size;
  }

  /**
   * Float water-filling on the lower (offset 0) or upper (offset 1) purses: caps every supporter
   * whose purse is below the running payment per point times their points, recomputes the payment,
   * repeats. Leaves the capped set S in this.capped, W(not S) in freeWeight and S's purse sums.
   * Supporters far above the running payment (purse >= 2 p points) are only rescanned when the
   * payment doubles. nearCount -1 starts afresh, -2 means the last pass capped nobody.
   */
  private waterFill(offset: number, size: number, cost: number): void {
    const { purse, capped, near, list, points } = this;
    if (this.nearCount === -1) {
      capped.fill(0, 0, size);
      this.cappedHi = 0;
      this.cappedLo = 0;
      this.cappedCount = 0;
      this.freeWeight = this.totalWeight;
      this.rest = cost;
    }
    let { nearCount, nearLimit, rest, cappedHi, cappedLo, cappedCount } = this;
    let weight = this.freeWeight;
    while (nearCount !== -2 && weight > 0) {
      const p = rest / weight;
      // Rescan everything unless the near list provably holds every supporter that can be capped.
      const full = nearCount < 0 || p > nearLimit;
      if (full) nearLimit = 2 * p;
      const count = full ? size : nearCount;
      let kept = 0;
      let paid = 0;
      let cappedWeight = 0;
      for (let k = 0; k < count; k++) {
        const i = full ? k : near[k];
        if (capped[i]) continue;
        const b = list[i];
        const v = points[i];
        const own = purse[3 * b + offset];
        if (own >= p * v) {
          if (own < nearLimit * v) near[kept++] = i;
          continue;
        }
        capped[i] = 1;
        const w = purse[3 * b + 2];
        paid += w * own;
        cappedHi += w * purse[3 * b + 1];
        cappedLo += w * purse[3 * b];
        cappedWeight += w * v;
        cappedCount++;
      }
      nearCount = cappedWeight === 0 ? -2 : kept;
      rest -= paid;
      weight -= cappedWeight;
    }
    this.nearCount = nearCount;
    this.nearLimit = nearLimit;
    this.rest = rest;
    this.cappedHi = cappedHi;
    this.cappedLo = cappedLo;
    this.cappedCount = cappedCount;
    this.freeWeight = weight;
  }

  /**
   * A lower bound of the payment per point p* for the upper purses, hence for every share in the
   * range. For any set S: cost = sum min(purse, p* points) <= sum_S purse + p* W(not S).
   */
  private paymentLowerBound(size: number, cost: number): number {
    this.waterFill(1, size, cost);
    if (this.freeWeight <= 0) return 0;
    const cappedUp = this.cappedHi * (1 + sumSlack(this.cappedCount));
    const numerator = cost - cappedUp - 4 * U * (cost + cappedUp);
    return numerator <= 0 ? 0 : down(numerator / this.freeWeight);
  }

  /**
   * An upper bound of p* for the lower purses, hence for every share in the range: any p with
   * sum min(purse, p points) >= cost is one. Tries the capped set found on the upper purses, then
   * one found on the lower purses. Sets neverCapped when at that p nobody with money is capped.
   * Needs certain affordability.
   */
  private paymentUpperBound(size: number, cost: number): number {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt === 1) {
        this.nearCount = -1;
        this.waterFill(0, size, cost);
      }
      if (this.freeWeight <= 0) continue;
      const candidate = up(((cost - this.cappedLo) / this.freeWeight) * (1 + 2 ** -30));
      if (this.covers(size, cost, candidate)) return candidate;
    }
    // At the largest purse / points ratio everyone pays everything, which covers the cost.
    this.neverCapped = false;
    let ratio = 0;
    for (let i = 0; i < size; i++) ratio = Math.max(ratio, up(this.purse[3 * this.list[i]] / this.points[i]));
    return ratio;
  }

  /** Proven: at payment p per point the lower purses cover the cost. Also sets neverCapped. */
  private covers(size: number, cost: number, p: number): boolean {
    const { purse, list, points } = this;
    // Supporters whose lower purse is at least lowLimit * points pay exactly p * points at any
    // p < lowLimit (and are never capped): they are summed as farWeight, only the others are visited.
    const short = p < this.lowLimit;
    const count = short ? this.lowCount : size;
    let paid = short ? p * this.farWeight : 0;
    let neverCapped = true;
    for (let k = 0; k < count; k++) {
      const i = short ? this.low[k] : k;
      const b = list[i];
      const own = purse[3 * b];
      const share = p * points[i];
      if (own < up(share)) neverCapped = false;
      paid += purse[3 * b + 2] * Math.min(own, share);
    }
    this.neverCapped = neverCapped;
    return paid * (1 - sumSlack(size)) >= cost;
  }

  /** new purse = max(0, purse - p * points), rounded outward on both ends. */
  protected pay(winner: Bounds): void {
    const { purse, positiveWeight } = this;
    const { ballotWeight, ballotStart, ballotCandidates, ballotPoints } = this.inst;
    const list = this.active[winner.candidate];
    const pts = this.activePoints[winner.candidate];
    const count = this.activeCount[winner.candidate];
    const { pHi, pLo } = winner;
    const unitPoints = this.unitPoints;
    for (let t = 0; t < count; t++) {
      const b = list[t];
      const lo = purse[3 * b];
      const hi = purse[3 * b + 1];
      if (hi === 0) continue;
      // With every point 1 (approval), p * 1 is p exactly: the same values as the general case.
      const most = unitPoints ? pHi : pHi * pts[t];
      const low = lo - most - 4 * U * (lo + most);
      purse[3 * b] = low > 0 ? low : 0;
      const least = unitPoints ? pLo : pLo * pts[t];
      const high = hi - least + 4 * U * (hi + least);
      purse[3 * b + 1] = high > 0 ? high : 0;
      if (high > 0) continue;
      const weight = ballotWeight[b];
      const end = ballotStart[b + 1];
      if (unitPoints) for (let k = ballotStart[b]; k < end; k++) positiveWeight[ballotCandidates[k]] -= weight;
      else for (let k = ballotStart[b]; k < end; k++) positiveWeight[ballotCandidates[k]] -= ballotPoints[k] * weight;
    }
  }
}
