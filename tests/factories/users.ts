import crypto from "node:crypto";
import { generateIdFromEntropySize } from "lucia";
import type { Db } from "#db/client";
import { users } from "#db/schema";
import type { Locale } from "~/modules/i18n/config";
import type { Role } from "~/modules/users/roles";
import { hashPassword } from "~/modules/auth/password.server";

export const DEFAULT_TEST_PASSWORD = "correct horse battery";

// Argon2id is slow on purpose; hash each distinct password once per process.
const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string) {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
}

export type UserOverrides = Partial<{
  email: string;
  displayName: string;
  password: string;
  role: Role;
  locale: Locale;
  homeDistrictId: number | null;
  suspendedAt: Date | null;
  /** Accounts are made with a confirmed address unless a test says otherwise. */
  emailVerified: boolean;
  createdAt: Date;
}>;

/** A user row with a real Argon2id hash; returns the row's id, email and password. */
export async function createUser(db: Db, overrides: UserOverrides = {}) {
  const suffix = crypto.randomUUID().slice(0, 8);
  const password = overrides.password ?? DEFAULT_TEST_PASSWORD;
  const row = {
    id: generateIdFromEntropySize(10),
    email: (overrides.email ?? `resident-${suffix}@example.org`).toLowerCase(),
    displayName: overrides.displayName ?? `Resident ${suffix}`,
    passwordHash: await cachedHash(password),
    role: overrides.role ?? "resident",
    locale: overrides.locale ?? "en",
    homeDistrictId: overrides.homeDistrictId ?? null,
    suspendedAt: overrides.suspendedAt ?? null,
    emailVerifiedAt: overrides.emailVerified === false ? null : new Date(),
    createdAt: overrides.createdAt ?? new Date(),
  } satisfies typeof users.$inferInsert;
  db.insert(users).values(row).run();
  return { ...row, password };
}
