/**
 * Certified floating-point MES, for one starting share or a whole range [b1, b2] of them.
 *
 * Every purse is tracked as an enclosure [lo, hi] that holds its exact value: lo as if every voter
 * started with b1, hi as if with b2, and both widened at each step by a bound on the rounding error.
 * (For a fixed sequence of purchases purses only grow with the starting share and rho only falls,
 * so the ends of the range enclose everything in between.) From the enclosures each candidate gets
 * bounds on its rho, and a round is taken only when they prove the winner: affordable, and beating
 * every other affordable candidate, ties included. Then the outcome is the exact one for every share
 * in the range. When a decision cannot be proven (near-ties, or a range too wide), run returns null
 * and the caller falls back to single raises or to the exact engine (mes-exact.ts).
 */
import type { MesInstance, MesTie } from "./mes-instance";

/** Unit roundoff of doubles; every rounded operation is off by at most this, relatively. */
const U = 2 ** -53;

/** Below / above x by more than one rounding error. */
function down(x: number): number {
  return x - Math.abs(x) * 4 * U;
}
function up(x: number): number {
  return x + Math.abs(x) * 4 * U;
}

/** Relative error bound of a sum of `terms` non-negative products, each rounded. */
function sumSlack(terms: number): number {
  return (2 * terms + 8) * U;
}

interface Bounds {
  candidate: number;
  /** Affordable for every share in the range (otherwise only rhoLo is meaningful). */
  affordable: boolean;
  rhoLo: number;
  rhoHi: number;
  /** Bounds of the payment per utility point. */
  pLo: number;
  pHi: number;
  /** Set when no supporter with money is ever capped: then rho = cost / (exactW * unit) exactly. */
  exactW: number | null;
}

/**
 * What a run at one share saw, for runs at lower shares (see `hint`): its winners, and per round
 * the lower bound of every candidate's rho and the round each was found unaffordable (-1: never).
 */
export interface RunRecord {
  winners: number[];
  /** Round r's lower bounds are at lower[r * candidates .. (r + 1) * candidates - 1], for r < rounds. */
  lower: Float64Array;
  rounds: number;
  dropped: Int32Array;
}

/** An empty record with room for every round (a run buys each candidate at most once). */
export function newRunRecord(inst: MesInstance): RunRecord {
  const m = inst.projects.length;
  return { winners: [], lower: new Float64Array((m + 1) * m), rounds: 0, dropped: new Int32Array(m) };
}

/**
 * `items` ordered by `key`, ascending, equal keys in their given order: what a stable sort with
 * the comparator key[x] - key[y] gives (keys are never NaN). Insertion sort, since the list is
 * nearly sorted from one round to the next.
 */
function sortedByLowerBound(items: number[], key: Float64Array): number[] {
  const order = items.slice();
  for (let i = 1; i < order.length; i++) {
    const item = order[i];
    const k = key[item];
    let at = i;
    while (at > 0 && key[order[at - 1]] > k) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = item;
  }
  return order;
}

class CertifiedRun {
  readonly selected: number[] = [];
  readonly ties: MesTie[] = [];
  /**
   * A record of a run at a share at least as high as this range's. For a fixed sequence of purchases
   * purses only grow with the share, so rho only falls: while this run makes the same purchases,
   * the record's lower bounds and unaffordable candidates hold here too. Prunes evaluations only.
   */
  hint: RunRecord | null = null;
  private hintHolds = true;
  record: RunRecord | null = null;
  /** Per weighted ballot b: purse[3b] lower bound, purse[3b + 1] upper bound, purse[3b + 2] weight. */
  private readonly purse: Float64Array;
  /** Per candidate: its supporters that may still have money, and their points, activeCount[j] of them. */
  private readonly active: Int32Array[];
  private readonly activePoints: Int32Array[];
  private readonly activeCount: Int32Array;
  /** Lower bounds of each candidate's rho, valid from now on (rho never falls). */
  private readonly previousLo: Float64Array;
  /** Per candidate: utility points of supporters whose purse may be non-empty. */
  private readonly positiveWeight: Float64Array;
  private readonly cost: number[];
  private readonly unit: number[];
  /** Every ballot gives every candidate exactly 1 point (approval): loops skip the points. */
  private readonly unitPoints: boolean;
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

  constructor(
    private readonly inst: MesInstance,
    shareLo: number,
    shareHi: number,
  ) {
    // Buffers are allocated once per instance and reset here: Add1 makes hundreds of runs.
    const space = workspaceFor(inst);
    const ballots = inst.ballotWeight.length;
    this.purse = space.purse;
    for (let b = 0; b < ballots; b++) {
      this.purse[3 * b] = shareLo;
      this.purse[3 * b + 1] = shareHi;
    }
    space.activeFlat.set(space.supportersFlat);
    // With every point 1 the points lists are never compacted (gather), so they stay pristine.
    if (!space.unitPoints) space.pointsFlat.set(space.pristinePointsFlat);
    this.active = space.active;
    this.activePoints = space.activePoints;
    this.activeCount = space.activeCount;
    this.activeCount.set(space.counts);
    this.previousLo = new Float64Array(inst.projects.length);
    this.positiveWeight = space.positiveWeight;
    this.positiveWeight.set(space.pristinePositiveWeight);
    this.cost = space.cost;
    this.unit = space.unit;
    this.unitPoints = space.unitPoints;
    this.capped = space.capped;
    this.near = space.near;
    this.low = space.low;
  }


  /** The outcome, or null when some decision could not be proven for the whole range. */
  run(): number[] | null {
    let remaining = this.inst.projects.map((_, j) => j);
    for (;;) {
      // cost = sum min(purse, p * points) <= p * (points of non-empty purses), so p >= cost / those points.
      for (const j of remaining) {
        const bound = down(down(this.cost[j] / this.positiveWeight[j]) / this.unit[j]);
        if (bound > this.previousLo[j]) this.previousLo[j] = bound;
      }
      const round = this.selected.length;
      const hint = this.hint && this.hintHolds ? this.hint : null;
      if (hint && round < hint.rounds) {
        // Same purchases so far at a share at least as high: its lower bounds hold here too, and
        // what it could not afford, this share cannot either.
        const { lower, dropped } = hint;
        const base = round * this.inst.projects.length;
        remaining = remaining.filter((j) => !(dropped[j] >= 0 && dropped[j] <= round));
        for (const j of remaining) if (lower[base + j] > this.previousLo[j]) this.previousLo[j] = lower[base + j];
      }
      const order = sortedByLowerBound(remaining, this.previousLo);
      let best: Bounds | null = null;
      const evaluated: Bounds[] = [];
      let next = 0;
      for (; next < order.length; next++) {
        if (best && this.previousLo[order[next]] > best.rhoHi) break;
        const bounds = this.evaluate(order[next], best);
        if (!bounds) {
          // unaffordable for every share in the range, and it stays so
          if (this.record) this.record.dropped[order[next]] = round;
          continue;
        }
        this.previousLo[bounds.candidate] = Math.max(this.previousLo[bounds.candidate], bounds.rhoLo);
        evaluated.push(bounds);
        if (bounds.affordable && (!best || this.beats(bounds, best))) best = bounds;
      }
      if (this.record) {
        this.record.lower.set(this.previousLo, round * this.inst.projects.length);
        this.record.rounds = round + 1;
      }
      const skipped = order.slice(next);
      if (!best) return evaluated.length === 0 ? this.selected : null;
      const winner: Bounds = best;
      const tied: number[] = [];
      for (const other of evaluated) {
        if (other === winner) continue;
        if (this.loses(other, winner)) {
          if (this.tiedWith(other, winner)) tied.push(other.candidate);
          continue;
        }
        // Only its lower bound was computed, against an earlier best: get the full bounds.
        const full = other.rhoHi === Infinity && other.affordable ? this.evaluate(other.candidate, null) : null;
        if (!full || !this.loses(full, winner)) return null;
        if (this.tiedWith(full, winner)) tied.push(full.candidate);
      }
      if (skipped.some((j) => !(this.previousLo[j] > winner.rhoHi))) return null;
      if (tied.length > 0) this.ties.push({ round: this.selected.length, winner: winner.candidate, tied });
      this.pay(winner);
      this.selected.push(winner.candidate);
      if (hint && hint.winners[round] !== winner.candidate) this.hintHolds = false;
      remaining = [...evaluated.map((b) => b.candidate), ...skipped].filter((j) => j !== winner.candidate);
    }
  }

  private beats(x: Bounds, y: Bounds): boolean {
    if (x.exactW !== null && y.exactW !== null) {
      const order = this.compareExact(x, y);
      return order < 0 || (order === 0 && this.inst.rank[x.candidate] < this.inst.rank[y.candidate]);
    }
    return x.rhoHi < y.rhoHi;
  }

  /** Proven: x and y have exactly the same rho (nobody with money is capped for either). */
  private tiedWith(x: Bounds, y: Bounds): boolean {
    return x.exactW !== null && y.exactW !== null && this.compareExact(x, y) === 0;
  }

  /** Proven: x is not the winner for any share in the range. */
  private loses(x: Bounds, winner: Bounds): boolean {
    if (x.exactW !== null && winner.exactW !== null) {
      const order = this.compareExact(x, winner);
      return order > 0 || (order === 0 && this.inst.rank[x.candidate] > this.inst.rank[winner.candidate]);
    }
    return x.rhoLo > winner.rhoHi;
  }

  private compareExact(x: Bounds, y: Bounds): number {
    const { cost, unit } = this.inst;
    const left = cost[x.candidate] * BigInt(y.exactW as number) * unit[y.candidate];
    const right = cost[y.candidate] * BigInt(x.exactW as number) * unit[x.candidate];
    return left < right ? -1 : left > right ? 1 : 0;
  }

  /**
   * Bounds on candidate j's rho, or null when it is unaffordable for every share in the range (and
   * stays so). The upper bound is skipped when the lower one already loses to `best`.
   */
  private evaluate(j: number, best: Bounds | null): Bounds | null {
    const cost = this.cost[j];
    const unit = this.unit[j];
    if (cost === 0) return { candidate: j, affordable: true, rhoLo: 0, rhoHi: 0, pLo: 0, pHi: 0, exactW: 1 };
    const size = this.gather(j, cost);
    const slack = sumSlack(size);
    if (this.moneyHi * (1 + slack) < cost) return null;
    const affordable = this.moneyLo * (1 - slack) >= cost;
    const pLo = this.paymentLowerBound(size, cost);
    const rhoLo = down(pLo / unit);
    if (!affordable || (best && rhoLo > best.rhoHi)) {
      return { candidate: j, affordable, rhoLo, rhoHi: Infinity, pLo, pHi: Infinity, exactW: null };
    }
    const pHi = this.paymentUpperBound(size, cost);
    if (this.neverCapped) {
      // Nobody with money is ever capped, so the payment per point is exactly cost / totalWeight.
      const exact = cost / this.totalWeight;
      return { candidate: j, affordable, rhoLo: down(down(exact) / unit), rhoHi: up(up(exact) / unit), pLo: down(exact), pHi: up(exact), exactW: this.totalWeight };
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
  private pay(winner: Bounds): void {
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

/** Per-instance buffers that every run resets (runs never overlap: the engine is synchronous). */
interface Workspace {
  purse: Float64Array;
  supportersFlat: Int32Array;
  pristinePointsFlat: Int32Array;
  activeFlat: Int32Array;
  pointsFlat: Int32Array;
  active: Int32Array[];
  activePoints: Int32Array[];
  counts: Int32Array;
  activeCount: Int32Array;
  pristinePositiveWeight: Float64Array;
  positiveWeight: Float64Array;
  cost: number[];
  unit: number[];
  unitPoints: boolean;
  capped: Uint8Array;
  near: Int32Array;
  low: Int32Array;
}

const workspaces = new WeakMap<MesInstance, Workspace>();

function workspaceFor(inst: MesInstance): Workspace {
  const cached = workspaces.get(inst);
  if (cached) return cached;
  const ballots = inst.ballotWeight.length;
  const purse = new Float64Array(3 * ballots);
  for (let b = 0; b < ballots; b++) purse[3 * b + 2] = inst.ballotWeight[b];
  const counts = Int32Array.from(inst.supporters, (s) => s.length);
  const total = counts.reduce((a, b) => a + b, 0);
  const supportersFlat = new Int32Array(total);
  const pristinePointsFlat = new Int32Array(total);
  const activeFlat = new Int32Array(total);
  const pointsFlat = new Int32Array(total);
  const active: Int32Array[] = [];
  const activePoints: Int32Array[] = [];
  let offset = 0;
  inst.supporters.forEach((list, j) => {
    supportersFlat.set(list, offset);
    pristinePointsFlat.set(inst.points[j], offset);
    active.push(activeFlat.subarray(offset, offset + list.length));
    activePoints.push(pointsFlat.subarray(offset, offset + list.length));
    offset += list.length;
  });
  pointsFlat.set(pristinePointsFlat);
  const pristinePositiveWeight = new Float64Array(inst.projects.length);
  for (let j = 0; j < inst.projects.length; j++) {
    for (let v = 1; v < inst.keyBase; v++) pristinePositiveWeight[j] += v * inst.supportWeight[j * inst.keyBase + v];
  }
  const most = Math.max(0, ...counts);
  const space: Workspace = {
    purse,
    supportersFlat,
    pristinePointsFlat,
    activeFlat,
    pointsFlat,
    active,
    activePoints,
    counts,
    activeCount: new Int32Array(counts.length),
    pristinePositiveWeight,
    positiveWeight: new Float64Array(inst.projects.length),
    cost: inst.cost.map(Number),
    unit: inst.unit.map(Number),
    unitPoints: inst.ballotPoints.every((v) => v === 1),
    capped: new Uint8Array(most),
    near: new Int32Array(most),
    low: new Int32Array(most),
  };
  workspaces.set(inst, space);
  return space;
}

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
  const shareLo = down(Number(lowNumerator) / Number(n));
  const shareHi = up(Number(highNumerator) / Number(n));
  const run = new CertifiedRun(inst, shareLo, shareHi);
  run.hint = hints?.use ?? null;
  if (hints?.record) {
    run.record = hints.record;
    run.record.dropped.fill(-1);
    run.record.rounds = 0;
  }
  const outcome = run.run();
  if (outcome && hints?.record) hints.record.winners = outcome.slice();
  if (outcome && ties) ties.push(...run.ties);
  return outcome;
}
