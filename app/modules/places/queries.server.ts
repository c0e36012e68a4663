import { asc } from "drizzle-orm";
import { getDb } from "#db/client";
import { categories, districts } from "#db/schema";

/** Districts in both languages, for selects and filters. */
export function listDistricts() {
  return getDb().select({ id: districts.id, nameEn: districts.nameEn, nameFr: districts.nameFr }).from(districts).orderBy(asc(districts.nameEn)).all();
}

export function listCategories() {
  return getDb().select({ id: categories.id, nameEn: categories.nameEn, nameFr: categories.nameFr }).from(categories).orderBy(asc(categories.nameEn)).all();
}
