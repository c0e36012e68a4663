import { sql } from "drizzle-orm";
import { getDb } from "#db/client";

/** True when the database answers a query. */
export function isDatabaseHealthy() {
  try {
    return getDb().get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}
