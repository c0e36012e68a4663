import path from "node:path";
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import { getDb, type Db } from "./client";
import { applyMigrations } from "./migrate";
import { users, type Role } from "./schema";
import { createCategory, createDepartment, createDistrict } from "../tests/factories/places";
import { createUser } from "../tests/factories/users";

export const DEMO_PASSWORD = "demo-city-2026";

export const DEMO_ACCOUNTS: { role: Role; email: string; displayName: string }[] = [
  { role: "resident", email: "resident@demo.city", displayName: "Rosa Resident" },
  { role: "moderator", email: "moderator@demo.city", displayName: "Mo Moderator" },
  { role: "council", email: "council@demo.city", displayName: "Camille Council" },
  { role: "admin", email: "admin@demo.city", displayName: "Ada Admin" },
];

const DISTRICTS = [
  { slug: "old-town", nameEn: "Old Town", nameFr: "Vieille ville" },
  { slug: "riverside", nameEn: "Riverside", nameFr: "Bord de rivière" },
  { slug: "north-hills", nameEn: "North Hills", nameFr: "Collines du nord" },
  { slug: "station", nameEn: "Station Quarter", nameFr: "Quartier de la gare" },
];
const CATEGORIES = [
  { slug: "mobility", nameEn: "Mobility", nameFr: "Mobilité" },
  { slug: "green-spaces", nameEn: "Green spaces", nameFr: "Espaces verts" },
  { slug: "culture", nameEn: "Culture", nameFr: "Culture" },
  { slug: "safety", nameEn: "Safety", nameFr: "Sécurité" },
  { slug: "schools", nameEn: "Schools and youth", nameFr: "Écoles et jeunesse" },
];
const DEPARTMENTS = [
  { slug: "transport", nameEn: "Transport department", nameFr: "Direction des transports" },
  { slug: "parks", nameEn: "Parks department", nameFr: "Direction des parcs" },
  { slug: "culture", nameEn: "Culture department", nameFr: "Direction de la culture" },
];

/** Seeds the demo city into an empty database; does nothing (and says so) otherwise. */
export async function seedDemoCity(db: Db = getDb()) {
  const [{ n }] = db.select({ n: count() }).from(users).all();
  if (n > 0) return false;
  const homeDistricts = DISTRICTS.map((d) => createDistrict(db, d));
  CATEGORIES.forEach((c) => createCategory(db, c));
  DEPARTMENTS.forEach((d) => createDepartment(db, d));
  for (const account of DEMO_ACCOUNTS) {
    await createUser(db, { ...account, password: DEMO_PASSWORD, homeDistrictId: homeDistricts[0].id });
  }
  return true;
}

export function printDemoAccounts() {
  console.log("Demo accounts (password for all: %s):", DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(9)} ${a.email}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes("--print-only")) {
    printDemoAccounts();
    process.exit(0);
  }
  applyMigrations();
  const seeded = await seedDemoCity();
  console.log(seeded ? "Seeded the demo city." : "The database already has accounts; nothing seeded.");
  printDemoAccounts();
}
