import { LRUCache } from "lru-cache";
import type { Db } from "#db/client";

/**
 * Search result ids, cached briefly. Ranking thousands of matches is the costly part of a search,
 * and the same searches repeat. Any idea write in this process starts a new generation, so a new
 * or edited idea is found at once; the time limit covers writes by other processes. Visibility is
 * never taken from the cache: the rows are read fresh and filtered on `listed`.
 */
const SEARCH_CACHE_TTL_MS = 30_000;

let generation = 0;
const caches = new WeakMap<Db, LRUCache<string, number[]>>();

export function invalidateSearchCache() {
  generation += 1;
}

export function cachedSearchIds(db: Db, key: string, compute: () => number[]) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache<string, number[]>({ max: 1000, ttl: SEARCH_CACHE_TTL_MS })));
  const fullKey = `${generation}|${key}`;
  let ids = cache.get(fullKey);
  if (!ids) cache.set(fullKey, (ids = compute()));
  return ids;
}
