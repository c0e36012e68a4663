import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "~/utils/env.server";

/**
 * Throttles for the account forms. Each takes its point BEFORE the slow password check and gives
 * it back on success: requests that arrive together cannot all pass a check that reads the
 * counter first and writes it after (a burst would otherwise get hundreds of guesses).
 *
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

/** Seconds to wait, from a limiter's rejection (at least 1). */
function waitOf(rejection: unknown) {
  const ms = rejection instanceof RateLimiterRes ? rejection.msBeforeNext : 60_000;
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Takes one attempt for (address, account) and for the address; 0 when allowed, else the seconds to wait. */
export async function takeSignInAttempt(ip: string, email: string) {
  const results = await Promise.allSettled([byAccountAndAddress.consume(accountKey(ip, email)), byAddress.consume(ip)]);
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  return refused.length ? Math.max(...refused.map((r) => waitOf(r.reason))) : 0;
}

/** The right password: the account's count for this address starts again and the address gets its point back. */
export async function signInSucceeded(ip: string, email: string) {
  await Promise.all([byAccountAndAddress.delete(accountKey(ip, email)), byAddress.reward(ip, 1)]);
}

/** Wrong "current password" answers on the account page, per account: a stolen session cannot guess freely. */
const passwordChecks = new RateLimiterMemory({ keyPrefix: "pw-check", points: SIGN_IN_LIMITS.perAccountAndAddress, duration: SIGN_IN_LIMITS.windowSeconds });

export async function takePasswordCheck(userId: string) {
  try {
    await passwordChecks.consume(userId);
    return 0;
  } catch (rejection) {
    return waitOf(rejection);
  }
}

export async function passwordCheckSucceeded(userId: string) {
  await passwordChecks.reward(userId, 1);
}

/** New accounts per address and hour: a person signs up once, a script dozens of times a second. */
let signUps: RateLimiterMemory | undefined;
export async function takeSignUpAllowance(ip: string) {
  signUps ??= new RateLimiterMemory({ keyPrefix: "signup-a", points: getEnv().SIGNUPS_PER_ADDRESS_PER_HOUR, duration: 3600 });
  try {
    await signUps.consume(ip);
    return 0;
  } catch (rejection) {
    return waitOf(rejection);
  }
}

/**
 * Mails that an address asked for (password reset, a new confirmation link, "someone tried to sign
 * up with your address"): a few per address and per account an hour, so nobody can flood an inbox.
 * Over the limit the reply stays the same; no mail is sent.
 */
const mailByAddress = new RateLimiterMemory({ keyPrefix: "mail-a", points: 20, duration: 3600 });
const mailByEmail = new RateLimiterMemory({ keyPrefix: "mail-e", points: 3, duration: 3600 });

export async function takeAccountMailAllowance(ip: string, email: string) {
  const results = await Promise.allSettled([mailByAddress.consume(ip), mailByEmail.consume(email.toLowerCase())]);
  return results.every((r) => r.status === "fulfilled");
}
