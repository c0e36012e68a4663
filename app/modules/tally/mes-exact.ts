/**
 * Exact MES run (BigInt): the ground truth, and the fallback whenever the certified engine cannot
 * prove a decision. Ballots with the same purse form a group; every purse is an integer numerator
 * over one shared denominator, which grows by the payers' utility sum W at each purchase.
 */
import { startingShare, type MesInstance, type MesTie } from "./mes-instance";

/** rho = r / k (k > 0): money per unit of utility the payers pay for the project. */
interface Rho {
  r: bigint;
  k: bigint;
}

interface Evaluation {
  candidate: number;
  rho: Rho;
  /** Utility points of the supporters who pay rho per point (the others pay their whole purse). */
  w: bigint;
  keys: number[];
  values: bigint[];
  points: number[];
  capped: Uint8Array;
}

class ExactRun {
  readonly selected: number[] = [];
  readonly ties: MesTie[] = [];
  /** Group of each weighted ballot; group 0 is the empty purse. */
  private readonly groupOf: Int32Array;
  private readonly groupValue: bigint[];
  private readonly groupLevel: number[] = [0, 0];
  /** levelScale[l] = current denominator / denominator when level l was created. */
  private readonly levelScale: bigint[] = [1n];
  private denominator: bigint;
  private round = 0;
  private readonly cachedRound: number[] = [];
  private readonly cachedValue: bigint[] = [];
  private readonly previous: (Rho | null)[];

  constructor(
    private readonly inst: MesInstance,
    raise: number,
  ) {
    this.groupOf = new Int32Array(inst.ballotWeight.length).fill(1);
    this.groupValue = [0n, startingShare(inst, raise)];
    this.denominator = inst.voters;
    this.previous = inst.projects.map(() => null);
  }

  run(): number[] {
    let remaining = this.inst.projects.map((_, j) => j);
    for (;;) {
      this.round++;
      const order = remaining.slice().sort((x, y) => this.comparePrevious(x, y));
      let best: Evaluation | null = null;
      const evaluations: Evaluation[] = [];
      const kept: number[] = [];
      for (let t = 0; t < order.length; t++) {
        const j = order[t];
        const prev = this.previous[j];
        // rho never falls from round to round, so an old rho above the best is a bound that loses.
        if (best && prev && compareRho(prev, best.rho) > 0) {
          kept.push(...order.slice(t));
          break;
        }
        const evaluation = this.evaluate(j);
        if (!evaluation) continue; // unaffordable now means unaffordable for good
        this.previous[j] = evaluation.rho;
        evaluations.push(evaluation);
        kept.push(j);
        if (!best || this.beats(evaluation, best)) best = evaluation;
      }
      if (!best) return this.selected;
      const winning = best;
      // In the tie order, as the certified engine lists them.
      const tied = evaluations
        .filter((e) => e !== winning && compareRho(e.rho, winning.rho) === 0)
        .map((e) => e.candidate)
        .sort((x, y) => this.inst.rank[x] - this.inst.rank[y]);
      if (tied.length > 0) this.ties.push({ round: this.selected.length, winner: winning.candidate, tied });
      this.pay(best);
      this.selected.push(best.candidate);
      const winner = best.candidate;
      remaining = kept.filter((j) => j !== winner);
    }
  }

  private beats(x: Evaluation, y: Evaluation): boolean {
    const order = compareRho(x.rho, y.rho);
    return order < 0 || (order === 0 && this.inst.rank[x.candidate] < this.inst.rank[y.candidate]);
  }

  private comparePrevious(x: number, y: number): number {
    const px = this.previous[x];
    const py = this.previous[y];
    if (!px || !py) return (px ? 1 : 0) - (py ? 1 : 0);
    return compareRho(px, py);
  }

  private value(g: number): bigint {
    if (this.cachedRound[g] !== this.round) {
      this.cachedRound[g] = this.round;
      this.cachedValue[g] = this.groupValue[g] * this.levelScale[this.groupLevel[g]];
    }
    return this.cachedValue[g];
  }

  /** rho of candidate j now, or null when its supporters cannot pay for it. */
  private evaluate(j: number): Evaluation | null {
    const { supporters, points, ballotWeight, keyBase } = this.inst;
    const cost = this.inst.cost[j];
    if (cost === 0n) return { candidate: j, rho: { r: 0n, k: 1n }, w: 1n, keys: [], values: [], points: [], capped: new Uint8Array() };
    const slot = new Map<number, number>();
    const keys: number[] = [];
    const entryPoints: number[] = [];
    const counts: number[] = [];
    const sup = supporters[j];
    const pts = points[j];
    for (let t = 0; t < sup.length; t++) {
      const g = this.groupOf[sup[t]];
      if (g === 0) continue;
      const key = g * keyBase + pts[t];
      const e = slot.get(key);
      if (e === undefined) {
        slot.set(key, keys.length);
        keys.push(key);
        entryPoints.push(pts[t]);
        counts.push(ballotWeight[sup[t]]);
      } else {
        counts[e] += ballotWeight[sup[t]];
      }
    }
    const size = keys.length;
    const values = new Array<bigint>(size);
    const n = new Array<bigint>(size);
    let money = 0n;
    let weight = 0;
    for (let e = 0; e < size; e++) {
      values[e] = this.value(Math.floor(keys[e] / keyBase));
      n[e] = BigInt(counts[e]);
      money += n[e] * values[e];
      weight += counts[e] * entryPoints[e];
    }
    let rest = cost * this.denominator;
    if (money < rest) return null;

    // Water-filling: cap whoever cannot pay rho * points, recompute rho, repeat; rho only rises.
    const capped = new Uint8Array(size);
    for (;;) {
      const w = BigInt(weight);
      let paid = 0n;
      let cappedWeight = 0;
      for (let e = 0; e < size; e++) {
        if (capped[e] || values[e] * w >= rest * BigInt(entryPoints[e])) continue;
        capped[e] = 1;
        paid += n[e] * values[e];
        cappedWeight += counts[e] * entryPoints[e];
      }
      if (cappedWeight === 0) break;
      rest -= paid;
      weight -= cappedWeight;
    }
    const w = BigInt(weight);
    const rho = { r: rest, k: w * this.inst.unit[j] * this.denominator };
    return { candidate: j, rho, w, keys, values, points: entryPoints, capped };
  }

  /** Capped supporters pay their whole purse; the others pay rest / w per utility point. */
  private pay(winner: Evaluation): void {
    const { w, rho, keys, values, points, capped } = winner;
    const level = this.levelScale.length;
    for (let l = 0; l < level; l++) this.levelScale[l] *= w;
    this.levelScale.push(1n);
    this.denominator *= w;
    const target = new Map<number, number>();
    keys.forEach((key, e) => {
      if (capped[e]) {
        target.set(key, 0);
        return;
      }
      target.set(key, this.groupValue.length);
      this.groupValue.push(values[e] * w - rho.r * BigInt(points[e]));
      this.groupLevel.push(level);
    });
    const { supporters, points: pts, keyBase } = this.inst;
    const sup = supporters[winner.candidate];
    const supPoints = pts[winner.candidate];
    for (let t = 0; t < sup.length; t++) {
      const g = this.groupOf[sup[t]];
      if (g !== 0) this.groupOf[sup[t]] = target.get(g * keyBase + supPoints[t]) as number;
    }
  }
}

function compareRho(x: Rho, y: Rho): number {
  const left = x.r * y.k;
  const right = y.r * x.k;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Exact MES outcome (candidates in selection order) when every voter starts with budget / voters + raise. */
export function exactMes(inst: MesInstance, raise: number, ties?: MesTie[]): number[] {
  const run = new ExactRun(inst, raise);
  const outcome = run.run();
  if (ties) ties.push(...run.ties);
  return outcome;
}
