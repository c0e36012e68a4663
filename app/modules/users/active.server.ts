import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { users } from "#db/schema";

/**
 * Read inside the write's transaction: a suspension that lands between the session check and
 * the write still stops it.
 */
export function isActiveUser(tx: Pick<Db, "select">, userId: string) {
  return !!tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.suspendedAt)))
    .get();
}
