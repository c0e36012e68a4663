import { describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { formatMoney, formatNumber } from "~/utils/format";
import { explainOutcome } from "./explain";

const formatFor = (locale: string) => ({ money: (n: number) => formatMoney(n, { locale, timeZone: "UTC", currency: "EUR" }), number: (n: number) => formatNumber(n, { locale }) });
const space = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("the results page's plain words", () => {
  it("write a city's numbers as the reader does", () => {
    const funded = { kind: "mes-funded", round: 3, payers: 1204, paidAllTheyHad: 10, paymentPerPoint: 37, averagePayment: 37.2 } as const;
    expect(explainOutcome(getFixedT("en"), funded, formatFor("en-GB"))).toBe("Its 1,204 supporters paid for it from their equal shares, about €37 each.");
    expect(space(explainOutcome(getFixedT("fr"), funded, formatFor("fr-FR")))).toBe("Ses 1 204 soutiens l'ont payé sur leurs parts égales, environ 37 € chacun.");
    const didNotFit = { kind: "greedy-did-not-fit", rank: 12, budgetLeft: "120000" } as const;
    expect(explainOutcome(getFixedT("en"), didNotFit, formatFor("en-GB"))).toBe("Ranked 12; it did not fit in the €120,000 left after the higher-ranked projects.");
    expect(explainOutcome(getFixedT("en"), { kind: "mes-unaffordable", moneyLeft: 5400.4, holders: 80 }, formatFor("en-GB"))).toBe("Its supporters' remaining shares (€5,400) could not cover its cost.");
  });
});
