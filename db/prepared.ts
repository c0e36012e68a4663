import type { Db } from "./client";

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A prepared statement built on first use and kept per connection (drizzle builds a query about
 * ten times slower than it runs a prepared one). Keys are unique per module by convention.
 */
export function prepared<T>(db: Db, key: string, build: () => T): T {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(key) as T | undefined;
  if (!statement) cache.set(key, (statement = build()));
  return statement;
}
