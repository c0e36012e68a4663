import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { homeDistrictHistory } from "#db/schema";

/**
 * The district a person lived in at `at`, from the history the database keeps on every change of
 * home district (migration 0010): moving after a cycle's cutoff does not move one's vote. Null
 * when they had no district then, or no account yet.
 */
export function districtAsOf(db: Db, userId: string, at: Date): number | null {
  const row = prepared(db, "users:district-as-of", () =>
    db
      .select({ districtId: homeDistrictHistory.districtId })
      .from(homeDistrictHistory)
      .where(and(eq(homeDistrictHistory.userId, sql.placeholder("userId")), lte(homeDistrictHistory.since, sql.placeholder("at"))))
      .orderBy(desc(homeDistrictHistory.since), desc(homeDistrictHistory.id))
      .limit(1)
      .prepare(),
  ).get({ userId, at: Math.floor(at.getTime() / 1000) });
  return row?.districtId ?? null;
}
