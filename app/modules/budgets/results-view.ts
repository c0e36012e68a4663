/**
 * The results page's text, built once per count and reader (language and number format) on the
 * server and cached with the results: a big envelope has a hundred rows, and translating and
 * formatting each one on every request cost the page most of its time. The page renders these
 * strings as they are, on the server and in the browser alike.
 */
import type { TFunction } from "i18next";
import { formatMoney, formatNumber, type FormatContext } from "~/utils/format";
import { envelopeLabel } from "./envelope-name";
import { explainOutcome } from "./explain";
import type { StoredExplanation } from "./kinds";

export interface ResultsProjectInput {
  id: string;
  title: string;
  ideaId: number | null;
  score: number;
  supporters: number;
  cost: number;
  selected: boolean;
  order?: number | null;
  explanation: StoredExplanation;
}

export interface ResultsEnvelopeInput {
  id: number;
  nameEn?: string | null;
  nameFr?: string | null;
  rule: string;
  budget: number;
  used: number;
  voters: number;
  sha256: string;
  share: number | null;
  projects: ResultsProjectInput[];
  ties: { winnerTitle: string; loserTitle: string; brokenBy: string }[];
}

export interface ResultsRow {
  id: string;
  title: string;
  ideaId: number | null;
  selected: boolean;
  /** Width of its support bar, 0-100, relative to the envelope's best supported project. */
  bar: number;
  support: string;
  cost: string;
  outcome: string;
  why: string;
}

export interface ResultsEnvelopeView {
  id: number;
  name: string;
  summary: string;
  usedLabel: string;
  /** Width of the budget-used bar, 0-1000. */
  usedWidth: number;
  rule: string;
  ties: string[];
  caption: string;
  sha256: string;
  rows: ResultsRow[];
}

/** `format` carries the cycle's currency (which may differ from the city's). */
export function resultsView(envelopes: ResultsEnvelopeInput[], locale: string, t: TFunction, format: FormatContext): ResultsEnvelopeView[] {
  const money = (n: number) => formatMoney(n, format);
  const number = (n: number) => formatNumber(n, format);
  return envelopes.map((e) => {
    const name = envelopeLabel(e, locale, t);
    const top = Math.max(1, ...e.projects.map((p) => p.score));
    return {
      id: e.id,
      name,
      summary: t("budgets.results.summary", { voters: number(e.voters), used: money(e.used), budget: money(e.budget), left: money(e.budget - e.used) }),
      usedLabel: t("budgets.results.usedBar", { used: money(e.used), budget: money(e.budget) }),
      usedWidth: Math.min(1000, Math.round((e.used / Math.max(1, e.budget)) * 1000)),
      rule: t(`budgets.results.rule.${e.rule}`, { share: e.share !== null ? money(e.share) : "" }),
      ties: e.ties.map((tie) => t("budgets.results.tie", { winner: tie.winnerTitle, loser: tie.loserTitle, rule: t(`budgets.results.tieBreak.${tie.brokenBy}`) })),
      caption: t("budgets.results.caption", { envelope: name }),
      sha256: e.sha256,
      rows: e.projects.map((p) => ({
        id: p.id,
        title: p.title,
        ideaId: p.ideaId,
        selected: p.selected,
        bar: Math.round((p.score / top) * 100),
        support: t("budgets.results.supportValue", { score: number(p.score), supporters: number(p.supporters), count: p.supporters }),
        cost: money(p.cost),
        outcome: p.selected ? t("budgets.results.funded", { order: p.order }) : t("budgets.results.notFunded"),
        why: explainOutcome(t, p.explanation, { money, number }),
      })),
    };
  });
}
