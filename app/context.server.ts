import type { Db } from "#db/client";
import { openDatabase } from "#db/client";
import { startScheduler } from "~/modules/jobs/scheduler.server";
import { startMailSender } from "~/modules/mail/sender.server";
import { getEnv } from "~/utils/env.server";

let database: Db | undefined;

/**
 * The app's database, opened once from DATABASE_PATH at the first request, then passed down;
 * the background jobs (the scheduler, the mail sender) start with it.
 */
export function getAppDatabase() {
  if (!database) {
    database = openDatabase(getEnv().DATABASE_PATH);
    startScheduler(database);
    startMailSender(database);
  }
  return database;
}

/** What every loader and action receives as `context` (server.js calls this per request). */
export function createLoadContext(request: { cspNonce: string; clientIp: string }) {
  return { ...request, db: getAppDatabase() };
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    db: Db;
  }
}
