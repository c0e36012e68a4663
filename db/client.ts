import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

declare const inTransaction: unique symbol;
/**
 * The database inside a command's write transaction (opened by runCommand). better-sqlite3 has
 * one connection, so it is the same handle, branded so that a command core cannot be called
 * without a transaction around it.
 */
export type Tx = Db & { readonly [inTransaction]: true };

export const DEFAULT_DATABASE_PATH = "data/forum.db";

/** Opens a database file and sets the pragmas every connection needs. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a ballot or vote that was acknowledged must survive a power cut, not only a crash.
  sqlite.pragma("synchronous = FULL");
  // 64 MiB of page cache: the idea lists and search touch the same pages over and over.
  sqlite.pragma("cache_size = -65536");
  // Lets SQLite gather the statistics its planner needs (cheap; limited work per connection).
  sqlite.pragma("optimize = 0x10002");
  return drizzle(sqlite, { schema }) as Db;
}

const connections = new Map<string, Db>();

/**
 * The connection for the configured DATABASE_PATH, opened once per path and process: for scripts
 * and tests only. The app opens its database once at start-up and passes the handle down
 * (app/modules/app/context.server.ts); commands and queries never look it up themselves.
 */
export function getDb(): Db {
  const file = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
  let db = connections.get(file);
  if (!db) {
    db = openDatabase(file);
    connections.set(file, db);
  }
  return db;
}

export function closeDatabase(file = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH) {
  connections.get(file)?.$client.close();
  connections.delete(file);
}
