import type { Locale } from "#db/schema/users";

export const SUPPORTED_LOCALES = ["en", "fr"] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Loads one language's messages; a separate chunk per language keeps the client bundle small. */
export async function loadMessages(locale: Locale) {
  const mod = locale === "fr" ? await import("./locales/fr") : await import("./locales/en");
  return mod.default;
}
