import { getDb } from "#db/client";
import { applyMigrations } from "#db/migrate";
import { ROLES } from "#db/schema/users";
import { createDistrict } from "../factories/places";
import { createUser } from "../factories/users";
import { ACCOUNTS, E2E_PASSWORD } from "./accounts";

const db = getDb();
applyMigrations(db);
const district = createDistrict(db, { slug: "centre", nameEn: "Centre", nameFr: "Centre-ville" });
createDistrict(db, { slug: "harbour", nameEn: "Harbour", nameFr: "Port" });
for (const role of ROLES) {
  await createUser(db, { ...ACCOUNTS[role], role, password: E2E_PASSWORD, homeDistrictId: district.id });
}
