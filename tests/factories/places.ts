import type { Db } from "#db/client";
import { categories, departments, districts } from "#db/schema";

type Named = { slug: string; nameEn: string; nameFr: string };

export function createDistrict(db: Db, district: Named) {
  return db.insert(districts).values(district).returning().get();
}

export function createCategory(db: Db, category: Named) {
  return db.insert(categories).values(category).returning().get();
}

export function createDepartment(db: Db, department: Named) {
  return db.insert(departments).values(department).returning().get();
}
