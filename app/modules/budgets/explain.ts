import type { TFunction } from "i18next";
import type { StoredExplanation } from "./kinds";

/** How the reader writes numbers and the cycle's money (useFormat on the page). */
export type ExplainFormat = { money: (n: number) => string; number: (n: number) => string };

/** Why a project was or was not funded, in plain words, for the results page (client-safe). */
export function explainOutcome(t: TFunction, e: StoredExplanation, format: ExplainFormat) {
  switch (e.kind) {
    case "greedy-funded":
      return t("budgets.results.why.greedyFunded", { rank: format.number(e.rank), left: format.money(Number(e.budgetLeft)) });
    case "greedy-did-not-fit":
      return t("budgets.results.why.greedyDidNotFit", { rank: format.number(e.rank), left: format.money(Number(e.budgetLeft)) });
    case "greedy-not-reached":
      return t("budgets.results.why.notReached", { rank: e.rank });
    case "below-threshold":
      return t("budgets.results.why.belowThreshold", { threshold: e.threshold });
    case "mes-funded":
      return t("budgets.results.why.mesFunded", { count: e.payers, payers: format.number(e.payers), average: format.money(Math.round(e.averagePayment)) });
    case "mes-unaffordable":
      return t("budgets.results.why.mesUnaffordable", { left: format.money(Math.round(e.moneyLeft)) });
    default:
      return t(`budgets.results.why.${e.kind}`);
  }
}
