import path from "node:path";
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import { getDb, type Db } from "./client";
import { applyMigrations } from "./migrate";
import { users, type Role } from "./schema";
import { createCategory, createDepartment, createDistrict } from "../tests/factories/places";
import { createUser } from "../tests/factories/users";
import { createIdea, castSupport } from "../app/modules/ideas/commands.server";
import { createComment } from "../app/modules/comments/commands.server";

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
  const themes = CATEGORIES.map((c) => createCategory(db, c));
  DEPARTMENTS.forEach((d) => createDepartment(db, d));
  const people = [];
  for (const account of DEMO_ACCOUNTS) {
    people.push(await createUser(db, { ...account, password: DEMO_PASSWORD, homeDistrictId: homeDistricts[0].id }));
  }
  await seedDemoIdeas(people, themes.map((t) => t.id), homeDistricts.map((d) => d.id));
  return true;
}

const DEMO_IDEAS = [
  {
    title: "Protected bike lane on the river quays",
    body: "The quays are the flattest way across town, but cars park on the painted lane.\n\n- a kerb-separated lane both ways\n- bike parking at each bridge",
    pro: "Children could finally ride to school along the river.",
    con: "Delivery vans need somewhere to stop; plan loading bays first.",
  },
  {
    title: "Open the school playgrounds on Saturdays",
    body: "Playgrounds sit empty all weekend while the parks are crowded. Open them with a volunteer warden.",
    pro: "No construction needed: it uses what we already have.",
    con: "Who cleans up on Monday morning?",
  },
  {
    title: "Drinking fountains in every park",
    body: "Summers are hotter every year. A fountain every 500 metres in the big parks, and one in each small square.",
    pro: "Cuts plastic bottles and helps older people in heat waves.",
    con: "Maintenance costs add up over the years.",
  },
];

/** A few ideas with arguments and support, written through the same commands the app uses. */
async function seedDemoIdeas(people: { id: string; role: Role }[], themeIds: number[], districtIds: number[]) {
  const [resident, moderator, council, admin] = people;
  for (const [i, demo] of DEMO_IDEAS.entries()) {
    const created = await createIdea(resident, { title: demo.title, body: demo.body, categoryId: themeIds[i], districtId: districtIds[i] });
    if (!created.ok) throw new Error(`demo idea refused: ${created.error}`);
    await createComment(moderator, created.id, { body: demo.pro, stance: "for" });
    await createComment(council, created.id, { body: demo.con, stance: "against" });
    for (const voter of [moderator, council, admin].slice(0, 3 - i)) castSupport(voter, created.id, "up");
  }
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
