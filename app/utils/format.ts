/**
 * Locale-aware formatting through Intl, one cached formatter per setting. Server and browser must
 * format alike (hydration), so both take the same context from the root loader: the reader's
 * locale with their region (a UK browser reading English gets UK dates), and the city's time zone
 * and currency (site settings, not constants).
 */
export type FormatContext = { locale: string; timeZone: string; currency: string };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

const asDate = (value: string | Date) => (typeof value === "string" ? new Date(value) : value);

export function formatDateTime(value: string | Date, ctx: FormatContext) {
  return cached(`dt|${ctx.locale}|${ctx.timeZone}`, () => new Intl.DateTimeFormat(ctx.locale, { dateStyle: "medium", timeStyle: "short", timeZone: ctx.timeZone })).format(asDate(value));
}

export function formatDate(value: string | Date, ctx: FormatContext) {
  return cached(`d|${ctx.locale}|${ctx.timeZone}`, () => new Intl.DateTimeFormat(ctx.locale, { dateStyle: "long", timeZone: ctx.timeZone })).format(asDate(value));
}

export function formatNumber(value: number, ctx: Pick<FormatContext, "locale">) {
  return cached(`n|${ctx.locale}`, () => new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 6 })).format(value);
}

/** An amount in the city's currency, without cents when it is whole. */
export function formatMoney(value: number, ctx: FormatContext) {
  const whole = Number.isInteger(value);
  return cached(`m|${ctx.locale}|${ctx.currency}|${whole}`, () =>
    new Intl.NumberFormat(ctx.locale, { style: "currency", currency: ctx.currency, ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}) }),
  ).format(value);
}

/**
 * A wait in words, rounded the way a person would say it: "45 seconds", "3 minutes", "1 hour",
 * "2 days" (never "3588 seconds"). The sentence around it says "about".
 */
export function formatDuration(seconds: number, ctx: Pick<FormatContext, "locale">) {
  const s = Math.max(1, Math.round(seconds));
  // Each unit takes over where the smaller one would round up to it ("60 minutes" is "1 hour").
  const [unit, amount] =
    s < 59.5 ? (["second", s] as const) : s < 3570 ? (["minute", Math.round(s / 60)] as const) : s < 84_600 ? (["hour", Math.round(s / 3600)] as const) : (["day", Math.round(s / 86_400)] as const);
  return cached(`u|${ctx.locale}|${unit}`, () => new Intl.NumberFormat(ctx.locale, { style: "unit", unit, unitDisplay: "long" })).format(amount);
}

/** Days, whole, for deadlines ("3 days left"). */
export function daysBetween(from: Date, to: Date) {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}

/**
 * The locale to format with: the site's language, with the reader's region when their browser
 * asks for one in that language (Accept-Language "en-GB,en;q=0.9" → "en-GB").
 */
export function formatLocaleFor(language: string, acceptLanguage: string | null) {
  for (const entry of (acceptLanguage ?? "").split(",")) {
    const tag = entry.split(";")[0].trim();
    if (!/^[a-z]{2,3}-[A-Za-z]{2}$/.test(tag)) continue;
    if (tag.slice(0, tag.indexOf("-")).toLowerCase() !== language) continue;
    try {
      return Intl.getCanonicalLocales(tag)[0];
    } catch {
      continue;
    }
  }
  return language;
}
