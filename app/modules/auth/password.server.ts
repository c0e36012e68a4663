import { hash, verify } from "@node-rs/argon2";

// Argon2id with OWASP's minimum: 19 MiB memory, 2 iterations, parallelism 1.
// (Algorithm.Argon2id is a const enum, which isolatedModules cannot inline: 2 is its value.)
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random string: verifying against it costs the same as a real one. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash() {
  dummyHash ??= hashPassword("not-a-real-password-" + Math.random());
  return dummyHash;
}
