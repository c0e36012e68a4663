import { getDb } from "#db/client";
import { applyMigrations } from "#db/migrate";
import { ROLES } from "~/modules/users/roles";
import { createCategory, createDistrict } from "../factories/places";
import { createUser } from "../factories/users";
import { ACCOUNTS, E2E_PASSWORD } from "./accounts";

const db = getDb();
applyMigrations(db);
const district = createDistrict(db, { slug: "centre", nameEn: "Centre", nameFr: "Centre-ville" });
createDistrict(db, { slug: "harbour", nameEn: "Harbour", nameFr: "Port" });
createCategory(db, { slug: "mobility", nameEn: "Mobility", nameFr: "Mobilité" });
createCategory(db, { slug: "parks", nameEn: "Parks", nameFr: "Parcs" });
// One account per role, and the reference data the forms need. Everything else a spec makes itself.
for (const role of ROLES) {
  await createUser(db, { ...ACCOUNTS[role], role, password: E2E_PASSWORD, homeDistrictId: district.id });
}
