import type { Db } from "#db/client";
import { siteSettings } from "#db/schema";
import { SiteSettingsSchema, type SiteSettings } from "./definitions";

// Read on every page (time zone, currency): kept in memory, dropped by any settings write in this
// process, and re-read after a few seconds for writes made by another process.
const TTL_MS = 5_000;
const cache = new WeakMap<Db, { at: number; value: SiteSettings }>();

export function getSiteSettings(db: Db): SiteSettings {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const rows = db.select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings).all();
  const value = SiteSettingsSchema.parse(Object.fromEntries(rows.map((r) => [r.key, r.value])));
  cache.set(db, { at: Date.now(), value });
  return value;
}

export function forgetSiteSettings(db: Db) {
  cache.delete(db);
}
