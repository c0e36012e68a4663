import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Failed sign-ins are counted per (address, account) and per address. Counting per account
 * alone would let an attacker lock a victim out; per (address, account) means the victim,
 * coming from elsewhere, still gets in.
 */
export const SIGN_IN_LIMITS = { perAccountAndAddress: 10, perAddress: 100, windowSeconds: 15 * 60 };

const byAccountAndAddress = new RateLimiterMemory({
  keyPrefix: "signin-aa",
  points: SIGN_IN_LIMITS.perAccountAndAddress,
  duration: SIGN_IN_LIMITS.windowSeconds,
});
const byAddress = new RateLimiterMemory({
  keyPrefix: "signin-a",
  points: SIGN_IN_LIMITS.perAddress,
  duration: SIGN_IN_LIMITS.windowSeconds,
});

const accountKey = (ip: string, email: string) => `${ip}|${email.toLowerCase()}`;

/** Seconds to wait before another attempt is allowed, or 0. */
export async function signInRetryAfter(ip: string, email: string) {
  const [pair, address] = await Promise.all([byAccountAndAddress.get(accountKey(ip, email)), byAddress.get(ip)]);
  const blocked = [
    pair && pair.consumedPoints >= SIGN_IN_LIMITS.perAccountAndAddress ? pair : null,
    address && address.consumedPoints >= SIGN_IN_LIMITS.perAddress ? address : null,
  ].filter((r): r is RateLimiterRes => r !== null);
  if (blocked.length === 0) return 0;
  return Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
}

export async function recordFailedSignIn(ip: string, email: string) {
  await Promise.all([
    byAccountAndAddress.penalty(accountKey(ip, email), 1),
    byAddress.penalty(ip, 1),
  ]);
}

export async function clearFailedSignIns(ip: string, email: string) {
  await byAccountAndAddress.delete(accountKey(ip, email));
}

/**
 * Password-reset requests: a few per address and per account an hour, so nobody can flood an
 * inbox or pile up live tokens. Over the limit the reply stays the same; no mail is sent.
 */
const resetByAddress = new RateLimiterMemory({ keyPrefix: "reset-a", points: 20, duration: 3600 });
const resetByEmail = new RateLimiterMemory({ keyPrefix: "reset-e", points: 3, duration: 3600 });

export async function takeResetAllowance(ip: string, email: string) {
  try {
    await Promise.all([resetByAddress.consume(ip), resetByEmail.consume(email.toLowerCase())]);
    return true;
  } catch {
    return false;
  }
}

/** Wrong "current password" answers on the account page, per account: a stolen session cannot guess freely. */
const passwordChecks = new RateLimiterMemory({ keyPrefix: "pw-check", points: SIGN_IN_LIMITS.perAccountAndAddress, duration: SIGN_IN_LIMITS.windowSeconds });

export async function passwordCheckBlocked(userId: string) {
  const res = await passwordChecks.get(userId);
  return !!res && res.consumedPoints >= SIGN_IN_LIMITS.perAccountAndAddress;
}

export async function recordFailedPasswordCheck(userId: string) {
  await passwordChecks.penalty(userId, 1);
}
