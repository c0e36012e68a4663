import { describe, expect, it } from "vitest";
import { formatDate, formatDuration, formatLocaleFor, formatMoney } from "./format";

const paris = { timeZone: "Europe/Paris", currency: "EUR" };

describe("formatting per reader and city", () => {
  it("keeps the reader's region for the site's language", () => {
    expect(formatLocaleFor("en", "en-GB,en;q=0.9")).toBe("en-GB");
    expect(formatLocaleFor("en", "fr-CA,en-US;q=0.8")).toBe("en-US");
    expect(formatLocaleFor("fr", "fr-CH")).toBe("fr-CH");
    expect(formatLocaleFor("fr", "en-GB")).toBe("fr");
    expect(formatLocaleFor("en", null)).toBe("en");
    expect(formatLocaleFor("en", "en-GB;q=0.9, <script>")).toBe("en-GB");
  });

  it("gives a UK reader UK dates and a US reader US dates, in the city's time zone", () => {
    const date = new Date("2026-03-04T23:30:00Z"); // already 5 March in Paris
    expect(formatDate(date, { ...paris, locale: "en-GB" })).toBe("5 March 2026");
    expect(formatDate(date, { ...paris, locale: "en-US" })).toBe("March 5, 2026");
    expect(formatDate(date, { ...paris, timeZone: "America/Montreal", locale: "en-GB" })).toBe("4 March 2026");
  });

  it("shows money in the city's currency, whole amounts without cents", () => {
    expect(formatMoney(12000, { ...paris, locale: "en-GB" })).toBe("€12,000");
    expect(formatMoney(12000, { ...paris, locale: "fr" }).replace(/\s/g, " ")).toBe("12 000 €");
    expect(formatMoney(12.5, { ...paris, currency: "CHF", locale: "en" })).toMatch(/CHF\s?12\.50/);
  });

  it("says waits the way a person would", () => {
    expect(formatDuration(3588, { locale: "en" })).toBe("1 hour");
    expect(formatDuration(45, { locale: "en" })).toBe("45 seconds");
    expect(formatDuration(170, { locale: "en" })).toBe("3 minutes");
    expect(formatDuration(3588, { locale: "fr" }).replace(/\s/g, " ")).toBe("1 heure");
    expect(formatDuration(2 * 86_400, { locale: "fr" }).replace(/\s/g, " ")).toBe("2 jours");
  });
});
