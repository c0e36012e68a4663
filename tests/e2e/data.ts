import { openDatabase, type Db } from "#db/client";
import { createIdeaRow, type IdeaOverrides } from "../factories/ideas";
import { createUser, type UserOverrides } from "../factories/users";
import { ACCOUNTS, E2E_DATABASE } from "./accounts";
import { eq } from "drizzle-orm";
import { users } from "#db/schema";

/**
 * Data a spec builds for itself, written with the test factories straight into the database the
 * end-to-end server runs on (SQLite in WAL mode takes a second writer). Specs never rely on rows
 * another spec made: they make their own, with words no other spec uses.
 */
let db: Db | undefined;
const e2eDb = () => (db ??= openDatabase(E2E_DATABASE));

/** A word no other test uses, for titles and searches. */
export function uniqueWord(prefix = "zq") {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function seedIdea(overrides: IdeaOverrides & { author?: keyof typeof ACCOUNTS } = {}) {
  const { author = "council", ...rest } = overrides;
  const authorId = e2eDb().select({ id: users.id }).from(users).where(eq(users.email, ACCOUNTS[author].email)).get()!.id;
  return createIdeaRow(e2eDb(), authorId, rest);
}

export function seedUser(overrides: UserOverrides = {}) {
  return createUser(e2eDb(), overrides);
}

/** An account of the e2e server as an actor, for the app's own commands. */
export function accountActor(role: keyof typeof ACCOUNTS) {
  const row = e2eDb().select({ id: users.id, role: users.role }).from(users).where(eq(users.email, ACCOUNTS[role].email)).get()!;
  return row;
}

export function userIdByEmail(email: string) {
  return e2eDb().select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase())).get()!.id;
}

/** Runs one of the app's commands against the e2e server's database (setup a test needs). */
export function withE2eDb<T>(run: (db: Db) => T) {
  return run(e2eDb());
}
