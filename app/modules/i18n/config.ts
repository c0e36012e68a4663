import type { Locale } from "#db/schema/users";

export const SUPPORTED_LOCALES = ["en", "fr"] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
