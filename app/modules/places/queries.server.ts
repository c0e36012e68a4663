import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { categories, districts } from "#db/schema";

/** Districts in both languages, for selects and filters. */
// Both lists are on most pages (filters, forms): prepared once per connection.
export function listDistricts(db: Db) {
  return prepared(db, "places:districts", () => db.select({ id: districts.id, nameEn: districts.nameEn, nameFr: districts.nameFr }).from(districts).orderBy(asc(districts.nameEn)).prepare()).all();
}

export function listCategories(db: Db) {
  return prepared(db, "places:categories", () => db.select({ id: categories.id, nameEn: categories.nameEn, nameFr: categories.nameFr }).from(categories).orderBy(asc(categories.nameEn)).prepare()).all();
}

export function districtExists(db: Db, id: number) {
  return !!db.select({ id: districts.id }).from(districts).where(eq(districts.id, id)).get();
}

export function categoryExists(db: Db, id: number) {
  return !!db.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).get();
}

/** Field errors for a category or district that does not exist (checked in the write's transaction). */
export function placeErrors(db: Db, fields: { categoryId?: number | null; districtId?: number | null }) {
  const errors: Record<string, string[]> = {};
  if (fields.categoryId != null && !categoryExists(db, fields.categoryId)) errors.categoryId = ["errors.choiceInvalid"];
  if (fields.districtId != null && !districtExists(db, fields.districtId)) errors.districtId = ["errors.choiceInvalid"];
  return Object.keys(errors).length ? errors : null;
}
