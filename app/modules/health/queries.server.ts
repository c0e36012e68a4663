import { sql } from "drizzle-orm";
import type { Db } from "#db/client";

/** True when the database answers a query. */
export function isDatabaseHealthy(db: Db) {
  try {
    return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}
