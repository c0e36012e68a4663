import { inArray, sql, type AnyColumn } from "drizzle-orm";
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

/**
 * `column in (?, ?, ...)` with `count` named placeholders, so a query over a short list of ids can
 * be prepared once per list length (portable SQL; no engine-specific JSON functions).
 */
export function inList(column: AnyColumn, count: number, prefix = "id") {
  return inArray(
    column,
    Array.from({ length: count }, (_, i) => sql.placeholder(`${prefix}${i}`)),
  );
}

/** The parameters that fill `inList`'s placeholders. */
export function listParams(values: readonly (number | string)[], prefix = "id") {
  return Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]));
}
