/**
 * Replays a known MES outcome in floating point to explain it: who paid for each funded project and
 * how much, and what the supporters of each other project had left at the end. Display only: the
 * outcome itself comes from the exact or certified engine and is never decided here.
 */
import { startingShare, type MesInstance } from "./mes-instance";

export interface MesPurchase {
  /** Voters who paid something towards it. */
  payers: number;
  /** Of them, those whose purse ran short and who paid all they had left. */
  paidAllTheyHad: number;
  /** What a supporter paid per utility point: for approval ballots, what each supporter with enough money paid. */
  paymentPerPoint: number;
  /** Cost divided by payers. */
  averagePayment: number;
}

export interface MesReplay {
  /** Starting share of every voter, in currency units. */
  share: number;
  /** Per candidate in selection order. */
  purchases: MesPurchase[];
  /** Per candidate: total money its supporters held when the rule stopped, and how many still had some. */
  leftAtEnd: { moneyLeft: number; holders: number }[];
}

export function replayMes(inst: MesInstance, raise: number, selected: number[]): MesReplay {
  const unit = Number(inst.currencyUnit);
  const share = Number(startingShare(inst, raise)) / Number(inst.voters) / unit;
  const purse = new Float64Array(inst.ballotWeight.length).fill(share);
  const purchases = selected.map((j) => {
    const cost = Number(inst.cost[j]) / unit;
    const sup = inst.supporters[j];
    const pts = inst.points[j];
    // Water-filling: the poorest pay everything, the rest p per point. Passes that cap whoever
    // cannot pay the running p, until none is left to cap (no sort: this runs on every count).
    const order = Array.from(sup.keys()).filter((t) => purse[sup[t]] > 0);
    const isCapped = new Uint8Array(sup.length);
    let rest = cost;
    let weight = order.reduce((w, t) => w + inst.ballotWeight[sup[t]] * pts[t], 0);
    let capped = 0;
    for (let more = true; more && weight > 0; ) {
      more = false;
      const running = rest / weight;
      for (const t of order) {
        const b = sup[t];
        if (isCapped[t] || purse[b] >= running * pts[t]) continue;
        isCapped[t] = 1;
        more = true;
        rest -= inst.ballotWeight[b] * purse[b];
        weight -= inst.ballotWeight[b] * pts[t];
        capped += inst.ballotWeight[b];
      }
    }
    const p = weight > 0 ? Math.max(0, rest / weight) : 0;
    let payers = 0;
    for (const t of order) {
      const b = sup[t];
      purse[b] = Math.max(0, purse[b] - Math.min(purse[b], p * pts[t]));
      payers += inst.ballotWeight[b];
    }
    return { payers, paidAllTheyHad: capped, paymentPerPoint: p, averagePayment: payers > 0 ? cost / payers : 0 };
  });
  const leftAtEnd = inst.projects.map((_, j) => {
    let money = 0;
    let holders = 0;
    inst.supporters[j].forEach((b) => {
      if (purse[b] <= 0) return;
      money += inst.ballotWeight[b] * purse[b];
      holders += inst.ballotWeight[b];
    });
    return { moneyLeft: money, holders };
  });
  return { share, purchases, leftAtEnd };
}
