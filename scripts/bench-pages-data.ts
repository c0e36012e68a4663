// Turns the target table of scripts/bench-pages-targets.ts into concrete requests, from the rows of
// one database. A target whose data is missing (no row, or a table that does not exist yet) is
// skipped with its reason, so the benchmark keeps working while the schema grows.
import type Database from "better-sqlite3";
import { SEARCH_WORDS, type Data, type Role, type Target } from "./bench-pages-targets";

export type Resolved = Omit<Target, "path" | "note"> & { path: string; note: string; method: "GET" | "POST" };
export type Skipped = { name: string; reason: string };

class MissingData extends Error {}

export function dataFrom(sqlite: Database.Database, searchOverride?: string): Data {
  const cache = new Map<string, number | string>();
  const one = <T extends number | string = number>(sql: string, ...params: unknown[]): T => {
    const key = JSON.stringify([sql, params]);
    if (!cache.has(key)) {
      let value: unknown;
      try {
        value = sqlite.prepare(sql).pluck().get(...params);
      } catch (error) {
        throw new MissingData(error instanceof Error ? error.message : String(error));
      }
      if (value === undefined || value === null) throw new MissingData(`no row for ${sql.length > 90 ? sql.slice(0, 87) + "..." : sql}`);
      cache.set(key, value as number | string);
    }
    return cache.get(key) as T;
  };
  let word: string | undefined;
  const searchWord = () => {
    if (word) return word;
    const occurs = (w: string) => one("SELECT count(*) FROM ideas_fts WHERE ideas_fts MATCH ?", `"${w.replaceAll('"', "")}"`) > 0;
    word = searchOverride ?? SEARCH_WORDS.find(occurs);
    if (!word) {
      const title = one<string>("SELECT title FROM ideas WHERE listed = 1 ORDER BY id LIMIT 1");
      word = title.split(/\s+/).find((w) => w.length >= 4) ?? title;
    }
    return word;
  };
  return { one, searchWord };
}

/**
 * Each target's path and note from the data, or the reason it is skipped. `accountExists` says
 * whether the account of a role is in the database (a target signed in as a missing account is skipped).
 */
export function resolveTargets(targets: readonly Target[], data: Data, accountExists: (role: Role) => boolean) {
  const resolved: Resolved[] = [];
  const skipped: Skipped[] = [];
  const names = new Set<string>();
  for (const target of targets) {
    if (names.has(target.name)) throw new Error(`Two benchmark targets are named "${target.name}".`);
    names.add(target.name);
    try {
      if (target.as && !accountExists(target.as)) throw new MissingData(`no ${target.as} account to sign in with`);
      let note = "";
      try {
        note = target.note?.(data) ?? "";
      } catch (error) {
        if (!(error instanceof MissingData)) throw error;
      }
      resolved.push({ ...target, method: target.method ?? "GET", path: target.path(data), note });
    } catch (error) {
      if (!(error instanceof MissingData)) throw error;
      skipped.push({ name: target.name, reason: error.message });
    }
  }
  return { resolved, skipped };
}
