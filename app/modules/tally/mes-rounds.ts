/**
 * The rounds of certified floating-point MES (mes-certified.ts), shared by its two purse models
 * (mes-range-run.ts, mes-point-run.ts): the rounding helpers, the bounds a purse model gives for a
 * candidate, the record a run leaves for runs at lower shares, and the per-instance buffers.
 */
import type { MesInstance, MesTie } from "./mes-instance";

/** Unit roundoff of doubles; every rounded operation is off by at most this, relatively. */
export const U = 2 ** -53;

/** Below / above x by more than one rounding error. */
export function down(x: number): number {
  return x - Math.abs(x) * 4 * U;
}
export function up(x: number): number {
  return x + Math.abs(x) * 4 * U;
}

/** Relative error bound of a sum of `terms` non-negative products, each rounded. */
export function sumSlack(terms: number): number {
  return (2 * terms + 8) * U;
}

export interface Bounds {
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

/** Bounds of a candidate that costs nothing: it is free for everyone. */
export function freeBounds(candidate: number): Bounds {
  return { candidate, affordable: true, rhoLo: 0, rhoHi: 0, pLo: 0, pHi: 0, exactW: 1 };
}

/** Bounds with only the lower one computed (enough to lose, or not affordable for sure). */
export function lowerBoundOnly(candidate: number, affordable: boolean, rhoLo: number, pLo: number): Bounds {
  return { candidate, affordable, rhoLo, rhoHi: Infinity, pLo, pHi: Infinity, exactW: null };
}

/** Bounds when nobody with money is capped: the payment per point is exactly cost / weight. */
export function uncappedBounds(candidate: number, affordable: boolean, cost: number, unit: number, weight: number): Bounds {
  const exact = cost / weight;
  return { candidate, affordable, rhoLo: down(down(exact) / unit), rhoHi: up(up(exact) / unit), pLo: down(exact), pHi: up(exact), exactW: weight };
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
   * cost / weight[r] per point, and every payer kept at least slack[r] (money units) after paying.
   */
  uncapped: number;
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
    weight: new Float64Array(m),
    slack: new Float64Array(m),
    snapshot: new Float64Array(3 * inst.ballotWeight.length),
    snapshotRound: -1,
    snapshotError: 0,
  };
}

/** Empties a record for the run at `raise` that is about to fill it. */
export function startRunRecord(record: RunRecord, raise: number): void {
  record.raise = raise;
  record.rounds = 0;
  record.dropped.fill(-1);
  record.uncapped = 0;
  record.snapshotRound = -1;
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
export abstract class CertifiedRounds {
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
      if (hint && round < hint.rounds) {
        // The hint's winner most likely wins here too: evaluated first, it gives the others a best
        // to lose to, which settles most of them with a sum alone.
        const at = order.subarray(0, count).indexOf(hint.winners[round]);
        for (let k = at; k > 0; k--) order[k] = order[k - 1];
        if (at > 0) order[0] = hint.winners[round];
      }
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
      if (this.record && this.record.uncapped === round && round > 0 && (winner.exactW === null || tied.length > 0)) this.snapshot?.(this.record);
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
    const restored = rounds > 0 && rounds === hint.snapshotRound && (this.restore?.(hint, gap) ?? false);
    for (let round = 0; round < rounds; round++) {
      // The bounds the hint's winner had: nobody capped, so they follow from its payers' points.
      const j = hint.winners[round];
      const winner = this.cost[j] === 0 ? freeBounds(j) : uncappedBounds(j, true, this.cost[j], this.unit[j], hint.weight[round]);
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
  protected restore?(hint: RunRecord, gap: number): boolean;

  /** Keeps the purses in the record's snapshot, when the purse model can (PointRun). */
  protected snapshot?(record: RunRecord): void;

  /** Extends the record's uncapped rounds with this one when it qualifies (see RunRecord). */
  private recordUncapped(round: number, winner: Bounds): void {
    const record = this.record;
    if (!record || record.uncapped !== round || winner.exactW === null || !(this.paySlack > 0)) return;
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

/** Per-instance buffers that every run resets (runs never overlap: the engine is synchronous). */
export interface Workspace {
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

export function workspaceFor(inst: MesInstance): Workspace {
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
