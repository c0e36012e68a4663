import { getDb } from "#db/client";
import { applyMigrations } from "#db/migrate";
import { ROLES } from "~/modules/users/roles";
import { createCategory, createDistrict } from "../factories/places";
import { createIdeaRow } from "../factories/ideas";
import { createUser } from "../factories/users";
import { ACCOUNTS, E2E_PASSWORD, HIDDEN_IDEA_TITLE, WITHDRAWN_IDEA_TITLE } from "./accounts";

const db = getDb();
applyMigrations(db);
const district = createDistrict(db, { slug: "centre", nameEn: "Centre", nameFr: "Centre-ville" });
createDistrict(db, { slug: "harbour", nameEn: "Harbour", nameFr: "Port" });
createCategory(db, { slug: "mobility", nameEn: "Mobility", nameFr: "Mobilité" });
createCategory(db, { slug: "parks", nameEn: "Parks", nameFr: "Parcs" });
const ids: Record<string, string> = {};
for (const role of ROLES) {
  ids[role] = (await createUser(db, { ...ACCOUNTS[role], role, password: E2E_PASSWORD, homeDistrictId: district.id })).id;
}
// Content residents must never see (security baseline 13): found by title in the tests.
createIdeaRow(db, ids.council, { title: HIDDEN_IDEA_TITLE, body: "Zeppelin hangar, hidden by a moderator.", hiddenAt: new Date(), hiddenReason: "spam" });
createIdeaRow(db, ids.council, { title: WITHDRAWN_IDEA_TITLE, body: "Zeppelin mooring mast, withdrawn.", status: "withdrawn" });
createIdeaRow(db, ids.council, { title: "Zeppelin museum in the old hangar", body: "A public idea about zeppelins." });
