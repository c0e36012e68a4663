// Server and browser must format alike (hydration), so dates use the city's zone, not the viewer's.
export const CITY_TIME_ZONE = "Europe/Paris";

/** Locale-aware formatting through Intl; one formatter per locale and style. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(value: string | Date, locale: string) {
  let f = dateFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: CITY_TIME_ZONE });
    dateFormatters.set(locale, f);
  }
  return f.format(typeof value === "string" ? new Date(value) : value);
}

const numberFormatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: string) {
  let f = numberFormatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormatters.set(locale, f);
  }
  return f.format(value);
}
