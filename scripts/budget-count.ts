// `npm run budget:count -- <cycle>`: counts a cycle whose voting has closed, as an admin's "Count"
// button does (the same module, run here rather than in a worker), and prints each envelope's
// winners. Publishing stays an admin's act on the cycle's page. DATABASE_PATH chooses the file.
// Exit codes: 0 counted, 1 refused (voting open, already published, unknown cycle), 2 usage.
import { getDb } from "../db/client";
import { countCycle, listResults } from "../app/modules/budgets/count.server";
import { getCycleBySlug } from "../app/modules/budgets/queries.server";
import { getFixedT } from "../app/modules/i18n/i18n.server";

const slug = process.argv[2];
if (!slug || slug.startsWith("-")) {
  console.error("Usage: npm run budget:count -- <cycle>   (the cycle's web address, for example budget-2027)");
  process.exit(2);
}
const db = getDb();
const cycle = getCycleBySlug(db, slug);
if (!cycle) {
  console.error(`No cycle "${slug}" in ${process.env.DATABASE_PATH || "data/forum.db"}.`);
  process.exit(1);
}
const started = performance.now();
const outcome = await countCycle(db, "command-line", cycle.id);
if (!outcome.ok) {
  console.error(getFixedT("en")(outcome.message, outcome.params));
  process.exit(1);
}
const results = listResults(db, cycle.id);
console.log(`${cycle.name}: ${outcome.value.envelopes} envelope(s) counted in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
for (const envelope of cycle.envelopes) {
  const r = results.get(envelope.id)!.result;
  console.log(`  ${envelope.nameEn ?? "City-wide"}: rule ${r.rule}, ${r.voters} voters, ${r.cost} of ${r.budget} ${cycle.currency}; funded ${r.selected.join(", ") || "nothing"}${r.ties.length ? `; ${r.ties.length} tie(s) decided` : ""}.`);
}
console.log("Not published: an admin publishes from the cycle's page.");
