import type { Db } from "#db/client";

/**
 * A small read cache per database connection (tests open many): values kept `ttlMs`, by key, and
 * all forgotten at once by `forget()` when a write makes them stale (an after-commit subscriber).
 */
export function dbCache<T>(ttlMs: number, maxKeys = 100) {
  const caches = new WeakMap<Db, Map<string, { at: number; generation: number; value: T }>>();
  let generation = 0;
  return {
    get(db: Db, key: string, make: () => T, now = Date.now()): T {
      let forDb = caches.get(db);
      if (!forDb) caches.set(db, (forDb = new Map()));
      const hit = forDb.get(key);
      if (hit && hit.generation === generation && hit.at <= now && now - hit.at < ttlMs) return hit.value;
      const value = make();
      if (forDb.size >= maxKeys) forDb.clear();
      forDb.set(key, { at: now, generation, value });
      return value;
    },
    forget() {
      generation++;
    },
  };
}
