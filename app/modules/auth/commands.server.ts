import crypto from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { generateIdFromEntropySize } from "lucia";
import { getDb } from "#db/client";
import { passwordResetTokens, users, type Locale } from "#db/schema";
import { sendMail } from "~/modules/mail/mailer.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { getEnv } from "~/utils/env.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { blankSessionCookie, createSession, invalidateSession, invalidateUserSessions } from "./session.server";
import {
  clearFailedSignIns,
  passwordCheckBlocked,
  recordFailedPasswordCheck,
  recordFailedSignIn,
  signInRetryAfter,
  takeResetAllowance,
} from "./throttle.server";
import { log } from "~/utils/log.server";
import type { SignIn, SignUp } from "./validation";

export const RESET_TOKEN_MINUTES = 60;

type FieldErrors = Record<string, string[]>;

export async function signUp(input: SignUp, locale: Locale) {
  const db = getDb();
  const passwordHash = await hashPassword(input.password);
  const id = generateIdFromEntropySize(10);
  // Insert-or-nothing on the unique e-mail: no check-then-insert race.
  const inserted = db
    .insert(users)
    .values({
      id,
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      homeDistrictId: input.homeDistrictId ?? null,
      locale,
      createdAt: new Date(),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id })
    .all();
  if (inserted.length === 0) {
    return { ok: false as const, fieldErrors: { email: ["errors.emailTaken"] } satisfies FieldErrors };
  }
  return { ok: true as const, userId: id, cookie: await createSession(id) };
}

export type SignInResult =
  | { ok: true; cookie: string; userId: string; locale: Locale }
  | { ok: false; reason: "invalid" | "suspended" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function signIn(input: SignIn, client: { ip: string }): Promise<SignInResult> {
  const retryAfterSeconds = await signInRetryAfter(client.ip, input.email);
  if (retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds };

  const user = getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, suspendedAt: users.suspendedAt, locale: users.locale })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  // Unknown accounts cost the same hashing time, so timing does not reveal who has an account.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) {
    await recordFailedSignIn(client.ip, input.email);
    return { ok: false, reason: "invalid" };
  }
  await clearFailedSignIns(client.ip, input.email);
  if (user.suspendedAt) return { ok: false, reason: "suspended" };
  return { ok: true, cookie: await createSession(user.id), userId: user.id, locale: user.locale };
}

/** Ends the session (if any) and returns the cookie that erases it from the browser. */
export async function signOut(sessionId: string | undefined) {
  if (sessionId) await invalidateSession(sessionId);
  return blankSessionCookie();
}

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/**
 * Always answers the same way and in about the same time, whether or not the address has an
 * account: the mail is sent after the reply, and the allowance is taken for unknown addresses too.
 */
export async function requestPasswordReset(email: string, client: { ip: string }) {
  if (!(await takeResetAllowance(client.ip, email))) return;
  const db = getDb();
  const user = db.select({ id: users.id, locale: users.locale, suspendedAt: users.suspendedAt }).from(users).where(eq(users.email, email)).get();
  if (!user || user.suspendedAt) return;
  const token = crypto.randomBytes(32).toString("base64url");
  db.insert(passwordResetTokens)
    .values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) })
    .run();
  const t = getFixedT(user.locale);
  const link = `${getEnv().APP_URL}/reset-password?token=${token}`;
  void sendMail({
    to: email,
    subject: t("mail.reset.subject"),
    text: t("mail.reset.body", { link, minutes: RESET_TOKEN_MINUTES }),
  }).catch((error) => log.error("reset mail failed", { error }));
}

export function isResetTokenUsable(token: string) {
  return !!getDb()
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), gt(passwordResetTokens.expiresAt, new Date())))
    .get();
}

/** Single use: the token and every other token of the account go, and so do all its sessions. */
export async function resetPassword(token: string, newPassword: string) {
  const db = getDb();
  const passwordHash = await hashPassword(newPassword);
  const userId = db.transaction((tx) => {
    const row = tx
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), gt(passwordResetTokens.expiresAt, new Date())))
      .returning({ userId: passwordResetTokens.userId })
      .get();
    if (!row) return null;
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, row.userId)).run();
    tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).run();
    return row.userId;
  });
  if (!userId) return { ok: false as const };
  invalidateUserSessions(userId);
  return { ok: true as const };
}

export async function changePassword(
  actor: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
) {
  const db = getDb();
  if (await passwordCheckBlocked(actor.userId)) {
    return { ok: false as const, fieldErrors: { currentPassword: ["errors.signInThrottled"] } satisfies FieldErrors };
  }
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).get();
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordFailedPasswordCheck(actor.userId);
    return { ok: false as const, fieldErrors: { currentPassword: ["errors.currentPasswordWrong"] } satisfies FieldErrors };
  }
  const passwordHash = await hashPassword(input.newPassword);
  db.update(users).set({ passwordHash }).where(eq(users.id, actor.userId)).run();
  // Every other device is signed out; this one gets a fresh session id.
  invalidateUserSessions(actor.userId);
  return { ok: true as const, cookie: await createSession(actor.userId) };
}
