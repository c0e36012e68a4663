import type { Locale } from "./config";

/** Loads one language's messages in the browser; each language is its own chunk, fetched on demand. */
export async function loadMessages(locale: Locale) {
  const mod = locale === "fr" ? await import("./locales/fr") : await import("./locales/en");
  return mod.default;
}
