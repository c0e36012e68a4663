import { z } from "zod";
import { optionalDecimal, optionalWhole } from "~/utils/validation";

/** Whether Intl knows the time zone (the list differs by platform; ask it). */
export function isTimeZone(value: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Whether Intl can format the currency (ISO 4217 code). */
export function isCurrency(value: string) {
  if (!/^[A-Z]{3}$/.test(value)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The site settings and their defaults. Stored values are read through this schema, so a
 * missing or damaged row falls back to its default instead of breaking a page. Client-safe.
 */
export const SiteSettingsSchema = z.object({
  timeZone: z.string().refine(isTimeZone).catch("Europe/Paris"),
  currency: z.string().refine(isCurrency).catch("EUR"),
  mapCenter: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), zoom: z.number().int().min(1).max(19) })
    .catch({ latitude: 48.8566, longitude: 2.3522, zoom: 12 }),
  /** The city's response promise, per stage, in days: a first answer after entering the queue, then a decision. */
  responsePromise: z.object({ firstResponseDays: z.number().int().min(1).max(365), decisionDays: z.number().int().min(1).max(730) }).catch({ firstResponseDays: 30, decisionDays: 60 }),
  /** Ideas enter the staff queue at this much support, and the top ones of each category every month. */
  queue: z.object({ supportThreshold: z.number().int().min(1).max(1_000_000), monthlyTopPerCategory: z.number().int().min(0).max(50) }).catch({ supportThreshold: 25, monthlyTopPerCategory: 3 }),
  /**
   * Auto-hide: content reported by at least `reporters` distinct residents whose weights add up to
   * `weight` is hidden until a moderator decides (0 reporters turns it off).
   */
  autoHide: z.object({ reporters: z.number().int().min(0).max(1000), weight: z.number().min(0.5).max(1000) }).catch({ reporters: 3, weight: 3 }),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;
export const SETTING_KEYS = Object.keys(SiteSettingsSchema.shape) as (keyof SiteSettings)[];

/** The admin form for the city's settings. */
export const CitySettingsFormSchema = z
  .object({
    timeZone: z.string({ error: "errors.required" }).trim().refine(isTimeZone, "errors.settings.timeZone"),
    currency: z
      .string({ error: "errors.required" })
      .trim()
      .transform((v) => v.toUpperCase())
      .refine(isCurrency, "errors.settings.currency"),
    mapLatitude: optionalDecimal(-90, 90, "errors.latitudeInvalid"),
    mapLongitude: optionalDecimal(-180, 180, "errors.longitudeInvalid"),
    mapZoom: optionalWhole(1, 19, "errors.settings.zoom"),
    firstResponseDays: optionalWhole(1, 365, "errors.settings.days"),
    decisionDays: optionalWhole(1, 730, "errors.settings.days"),
    supportThreshold: optionalWhole(1, 1_000_000, "errors.settings.threshold"),
    monthlyTopPerCategory: optionalWhole(0, 50, "errors.settings.topN"),
    autoHideReporters: optionalWhole(0, 1000, "errors.settings.autoHideReporters"),
    autoHideWeight: optionalDecimal(0.5, 1000, "errors.settings.autoHideWeight"),
  })
  .superRefine((v, ctx) => {
    if (v.mapLatitude === undefined) ctx.addIssue({ code: "custom", path: ["mapLatitude"], message: "errors.required" });
    if (v.mapLongitude === undefined) ctx.addIssue({ code: "custom", path: ["mapLongitude"], message: "errors.required" });
    for (const key of ["mapZoom", "firstResponseDays", "decisionDays", "supportThreshold", "monthlyTopPerCategory", "autoHideReporters", "autoHideWeight"] as const) {
      if (v[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: "errors.required" });
    }
  });
