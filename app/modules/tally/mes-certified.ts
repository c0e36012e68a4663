/**
 * Certified floating-point MES, for one starting share or a whole range [b1, b2] of them.
 *
 * Purses are doubles that are proven to stay close to their exact values, and a round is taken only
 * when the bounds derived from them prove the winner: affordable, and beating every other affordable
 * candidate, ties included (equal rho is proven exactly when nobody is capped, since then
 * rho = cost / (points * unit)). Then the outcome is the exact one. When a decision cannot be proven
 * (near-ties, or a range too wide), run returns null and the caller falls back to single raises or
 * to the exact engine (mes-exact.ts). Two purse models share the rounds (CertifiedRounds):
 * - a range run (RangeRun) keeps every purse as an enclosure [lo, hi] of its exact value: lo as if
 *   every voter started with b1, hi as if with b2, both widened at each step by a bound on the
 *   rounding error. (For a fixed sequence of purchases purses only grow with the starting share
 *   and rho only falls, so the ends of the range enclose everything in between.)
 * - a point run (PointRun), at one share, keeps one purse per ballot and one bound on how far any
 *   purse is from its exact value: half the arithmetic per supporter, for the hundreds of point
 *   runs that Add1 makes.
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
  /** The run's Add1 raise (whole currency units). */
  raise: number;
  winners: number[];
  /** Round r's lower bounds are at lower[r * candidates .. (r + 1) * candidates - 1], for r < rounds. */
  lower: Float64Array;
  rounds: number;
  dropped: Int32Array;
  /**
   * Its first `uncapped` rounds capped no payer and met no tie. Round r's winner paid exactly
   * cost / weight[r] per point, within payment[2r] .. payment[2r + 1], and every payer kept at
   * least slack[r] (money units) after paying.
   */
  uncapped: number;
  payment: Float64Array;
  weight: Float64Array;
  slack: Float64Array;
  /**
   * A point run's purses (purse, weight, error per ballot) after its first snapshotRound rounds,
   * when those are its uncapped rounds (-1: none), and the largest error then.
   */
  snapshot: Float64Array;
  snapshotRound: number;
  snapshotError: number;
}

/** An empty record with room for every round (a run buys each candidate at most once). */
export function newRunRecord(inst: MesInstance): RunRecord {
  const m = inst.projects.length;
  return {
    raise: 0,
    winners: [],
    lower: new Float64Array((m + 1) * m),
    rounds: 0,
    dropped: new Int32Array(m),
    uncapped: 0,
    payment: new Float64Array(2 * m),
    weight: new Float64Array(m),
    slack: new Float64Array(m),
    snapshot: new Float64Array(3 * inst.ballotWeight.length),
    snapshotRound: -1,
    snapshotError: 0,
  };
}

/**
 * Sorts order[0 .. count - 1] by `key`, ascending, equal keys in their given order: what a stable
 * sort with the comparator key[x] - key[y] gives (keys are never NaN). Insertion sort, since the
 * order is nearly sorted from one round to the next.
 */
function sortByLowerBound(order: Int32Array, count: number, key: Float64Array): void {
  for (let i = 1; i < count; i++) {
    const item = order[i];
    const k = key[item];
    let at = i;
    while (at > 0 && key[order[at - 1]] > k) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = item;
  }
}

/**
 * The rounds of a certified run: each round proves its winner from the bounds that the purse model
 * (a subclass) gives, and pays it.
 */
abstract class CertifiedRounds {
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
  /** This run's Add1 raise; the start of the range for a range run. */
  raise = 0;
  /**
   * Set by pay when it can tell: a lower bound of the least any payer kept after paying (money
   * units), which says how much lower a share can be and still cap none of them.
   */
  protected paySlack = -Infinity;
  /** Whether pay sets paySlack, so that rounds can be replayed from a hint. */
  protected replays = false;
  /** Per candidate: its supporters that may still have money, and their points, activeCount[j] of them. */
  protected readonly active: Int32Array[];
  protected readonly activePoints: Int32Array[];
  protected readonly activeCount: Int32Array;
  /**
   * Per candidate: at least the utility points of its supporters whose purse may be non-empty
   * (RangeRun keeps them exact as purses empty; PointRun refreshes a candidate's when it gathers it).
   */
  protected readonly positiveWeight: Float64Array;
  protected readonly cost: number[];
  protected readonly unit: number[];
  /** Every ballot gives every candidate exactly 1 point (approval): loops skip the points. */
  protected readonly unitPoints: boolean;
  /** Lower bounds of each candidate's rho, valid from now on (rho never falls). */
  private readonly previousLo: Float64Array;
  /** Candidates still in the running, in the order of the latest round's evaluations. */
  private readonly order: Int32Array;

  constructor(
    protected readonly inst: MesInstance,
    space: Workspace,
  ) {
    // Buffers are allocated once per instance and reset here: Add1 makes hundreds of runs.
    space.activeFlat.set(space.supportersFlat);
    // With every point 1 the points lists are never compacted (gather), so they stay pristine.
    if (!space.unitPoints) space.pointsFlat.set(space.pristinePointsFlat);
    this.active = space.active;
    this.activePoints = space.activePoints;
    this.activeCount = space.activeCount;
    this.activeCount.set(space.counts);
    this.positiveWeight = space.positiveWeight;
    this.positiveWeight.set(space.pristinePositiveWeight);
    this.previousLo = space.previousLo;
    this.previousLo.fill(0);
    this.order = space.order;
    this.cost = space.cost;
    this.unit = space.unit;
    this.unitPoints = space.unitPoints;
  }

  /**
   * Bounds on candidate j's rho, or null when it is unaffordable (for every share in the range) and
   * stays so. The upper bound may be skipped when the lower one already loses to `best`.
   */
  protected abstract evaluate(j: number, best: Bounds | null): Bounds | null;

  /** Every supporter of the winner pays min(purse, p * points), with p within its bounds. */
  protected abstract pay(winner: Bounds): void;

  /** The outcome, or null when some decision could not be proven for the whole range. */
  run(): number[] | null {
    const m = this.inst.projects.length;
    const { order, previousLo, cost, unit, positiveWeight } = this;
    const replayed = this.replayUncapped();
    let count = 0;
    for (let j = 0; j < m; j++) if (!this.selected.includes(j)) order[count++] = j;
    if (replayed > 0 && this.hint) previousLo.set(this.hint.lower.subarray((replayed - 1) * m, replayed * m));
    const evaluated: Bounds[] = [];
    for (;;) {
      // cost = sum min(purse, p * points) <= p * (points of non-empty purses), so p >= cost / those points.
      for (let k = 0; k < count; k++) {
        const j = order[k];
        const bound = down(down(cost[j] / positiveWeight[j]) / unit[j]);
        if (bound > previousLo[j]) previousLo[j] = bound;
      }
      const round = this.selected.length;
      const hint = this.hint && this.hintHolds ? this.hint : null;
      if (hint && round < hint.rounds) {
        // Same purchases so far at a share at least as high: its lower bounds hold here too, and
        // what it could not afford, this share cannot either.
        const { lower, dropped } = hint;
        const base = round * m;
        let kept = 0;
        for (let k = 0; k < count; k++) {
          const j = order[k];
          if (dropped[j] >= 0 && dropped[j] <= round) continue;
          order[kept++] = j;
          if (lower[base + j] > previousLo[j]) previousLo[j] = lower[base + j];
        }
        count = kept;
      }
      sortByLowerBound(order, count, previousLo);
      let best: Bounds | null = null;
      evaluated.length = 0;
      // Evaluated candidates stay at the front of `order`, unaffordable ones leave it for good.
      let kept = 0;
      let next = 0;
      for (; next < count; next++) {
        const j = order[next];
        if (best && previousLo[j] > best.rhoHi) break;
        const bounds = this.evaluate(j, best);
        if (!bounds) {
          // unaffordable for every share in the range, and it stays so
          if (this.record) this.record.dropped[j] = round;
          continue;
        }
        order[kept++] = j;
        if (bounds.rhoLo > previousLo[j]) previousLo[j] = bounds.rhoLo;
        evaluated.push(bounds);
        if (bounds.affordable && (!best || this.beats(bounds, best))) best = bounds;
      }
      const firstSkipped = kept;
      for (let k = next; k < count; k++) order[kept++] = order[k];
      count = kept;
      if (this.record) {
        this.record.lower.set(previousLo, round * m);
        this.record.rounds = round + 1;
      }
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
      for (let k = firstSkipped; k < count; k++) if (!(previousLo[order[k]] > winner.rhoHi)) return null;
      // The uncapped rounds end here: a run at a lower share may start from the purses before it.
      if (this.record && this.record.uncapped === round && round > 0 && (winner.exactW === null || tied.length > 0)) this.snapshot(this.record);
      // In the tie order, not the order of evaluation (which hints change).
      if (tied.length > 0) this.ties.push({ round, winner: winner.candidate, tied: tied.sort((x, y) => this.inst.rank[x] - this.inst.rank[y]) });
      this.pay(winner);
      this.selected.push(winner.candidate);
      if (tied.length === 0) this.recordUncapped(round, winner);
      if (hint && hint.winners[round] !== winner.candidate) this.hintHolds = false;
      // The winner leaves the running; the others keep their order.
      let at = order.indexOf(winner.candidate);
      for (; at < count - 1; at++) order[at] = order[at + 1];
      count--;
    }
  }

  /**
   * The hint's first rounds, paid again without evaluating anyone, as far as they provably go the
   * same way at this share. If every payer of the hint's round r kept at least the difference of
   * the two shares, then at this share (every purse lower by exactly that difference, as long as
   * nobody was capped before) nobody is capped either: the winner's rho, cost / (points * unit), is
   * the same, every other candidate's rho is at least as high as there, so the winner and its
   * payment are the same. Returns how many rounds it replayed (0 for range runs and without hint).
   */
  private replayUncapped(): number {
    const hint = this.hint;
    if (!hint || !this.replays) return 0;
    const gap = (hint.raise - this.raise) * Number(this.inst.currencyUnit);
    if (!(gap > 0)) return 0;
    let rounds = 0;
    while (rounds < hint.uncapped && hint.slack[rounds] > gap * (1 + 2 ** -40)) rounds++;
    const m = this.inst.projects.length;
    // The hint's purses after exactly these rounds, less the gap: no need to pay them again.
    const restored = rounds > 0 && rounds === hint.snapshotRound && this.restore(hint, gap);
    for (let round = 0; round < rounds; round++) {
      const winner: Bounds = {
        candidate: hint.winners[round],
        affordable: true,
        rhoLo: 0,
        rhoHi: 0,
        pLo: hint.payment[2 * round],
        pHi: hint.payment[2 * round + 1],
        exactW: hint.weight[round],
      };
      if (!restored) this.pay(winner);
      // Every payer kept at least the hint's slack less the gap.
      else this.paySlack = down(hint.slack[round] - gap);
      this.selected.push(winner.candidate);
      if (this.record) {
        this.record.lower.set(hint.lower.subarray(round * m, (round + 1) * m), round * m);
        this.record.rounds = round + 1;
        this.recordUncapped(round, winner);
      }
    }
    if (this.record) {
      for (let j = 0; j < m; j++) if (hint.dropped[j] >= 0 && hint.dropped[j] < rounds) this.record.dropped[j] = hint.dropped[j];
    }
    return rounds;
  }

  /** Sets the purses to the hint's snapshot less `gap`, when the purse model can (PointRun). */
  protected restore(hint: RunRecord, gap: number): boolean {
    void hint;
    void gap;
    return false;
  }

  /** Keeps the purses in the record's snapshot, when the purse model can (PointRun). */
  protected snapshot(record: RunRecord): void {
    void record;
  }

  /** Extends the record's uncapped rounds with this one when it qualifies (see RunRecord). */
  private recordUncapped(round: number, winner: Bounds): void {
    const record = this.record;
    if (!record || record.uncapped !== round || winner.exactW === null || !(this.paySlack > 0)) return;
    record.payment[2 * round] = winner.pLo;
    record.payment[2 * round + 1] = winner.pHi;
    record.weight[round] = winner.exactW;
    record.slack[round] = this.paySlack;
    record.uncapped = round + 1;
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
}

/** A run for a range of shares: every purse is an enclosure [lo, hi] of its exact value (see the top). */
class RangeRun extends CertifiedRounds {
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

/**
 * A run at one share. Every ballot has a purse and a bound on its error: |purse - exact| <= error,
 * and a purse of exactly 0 is exactly empty. Since min(purse, p * points) moves by at most as much
 * as the purse, a supporter's term is off by at most its error, and only the capped supporters'
 * errors enter the payment's bounds. Against a range run: one purse to update per payer, passes
 * without branches on the purses, and no per-candidate bookkeeping when a purse empties.
 */
class PointRun extends CertifiedRounds {
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
    if (cost === 0) return { candidate: j, affordable: true, rhoLo: 0, rhoHi: 0, pLo: 0, pHi: 0, exactW: 1 };
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
      if (!affordable || (best && rhoLo > best.rhoHi)) return { candidate: j, affordable, rhoLo, rhoHi: Infinity, pLo, pHi: Infinity, exactW: null };
      this.gather(j, cost);
    }
    this.fill(cost, false);
    const pLo = this.paymentLowerBound(cost);
    const rhoLo = down(pLo / unit);
    if (!affordable || (best && rhoLo > best.rhoHi)) {
      return { candidate: j, affordable, rhoLo, rhoHi: Infinity, pLo, pHi: Infinity, exactW: null };
    }
    const pHi = this.paymentUpperBound(cost);
    if (this.neverCapped) {
      // Nobody with money is capped, so the payment per point is exactly cost / totalWeight.
      const exact = cost / this.totalWeight;
      return { candidate: j, affordable, rhoLo: down(down(exact) / unit), rhoHi: up(up(exact) / unit), pLo: down(exact), pHi: up(exact), exactW: this.totalWeight };
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
   * after any payment within the bounds becomes exactly 0; one that might is kept as MAY_HAVE_MONEY. A payer's error grows by what the payment's bounds leave open, plus the rounding.
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

/** Per-instance buffers that every run resets (runs never overlap: the engine is synchronous). */
interface Workspace {
  /** RangeRun's purses: per ballot lower bound, upper bound, weight. */
  rangePurse: Float64Array;
  /** PointRun's purses: per ballot purse, weight, error bound. */
  pointPurse: Float64Array;
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
  previousLo: Float64Array;
  order: Int32Array;
  capped: Uint8Array;
  cappedStamp: Int32Array;
  lastMoney: Float64Array;
  /** The latest stamp a PointRun fill used on cappedStamp. */
  stamp: number;
  near: Int32Array;
  low: Int32Array;
}

const workspaces = new WeakMap<MesInstance, Workspace>();

function workspaceFor(inst: MesInstance): Workspace {
  const cached = workspaces.get(inst);
  if (cached) return cached;
  const ballots = inst.ballotWeight.length;
  const rangePurse = new Float64Array(3 * ballots);
  const pointPurse = new Float64Array(3 * ballots);
  for (let b = 0; b < ballots; b++) {
    rangePurse[3 * b + 2] = inst.ballotWeight[b];
    pointPurse[3 * b + 1] = inst.ballotWeight[b];
  }
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
    rangePurse,
    pointPurse,
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
    previousLo: new Float64Array(inst.projects.length),
    order: new Int32Array(inst.projects.length),
    capped: new Uint8Array(most),
    cappedStamp: new Int32Array(most),
    lastMoney: new Float64Array(inst.projects.length),
    stamp: 0,
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
    run.record.dropped.fill(-1);
    run.record.rounds = 0;
    run.record.uncapped = 0;
    run.record.snapshotRound = -1;
    run.record.raise = fromRaise;
  }
  const outcome = run.run();
  if (outcome && hints?.record) hints.record.winners = outcome.slice();
  if (outcome && ties) ties.push(...run.ties);
  return outcome;
}
