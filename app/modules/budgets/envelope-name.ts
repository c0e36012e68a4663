import type { TFunction } from "i18next";

/** An envelope's name in the reader's language: its district's, or "city-wide" (client-safe). */
export function envelopeLabel(envelope: { nameEn?: string | null; nameFr?: string | null } | null | undefined, locale: string, t: TFunction) {
  return (locale === "fr" ? envelope?.nameFr : envelope?.nameEn) ?? t("budgets.cityWide");
}
