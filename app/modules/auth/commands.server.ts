import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { generateIdFromEntropySize } from "lucia";
import type { Db } from "#db/client";
import { passwordResetTokens, users } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { done, rateLimited, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import type { Locale } from "~/modules/i18n/config";
import { fingerprint, readToken, signToken } from "~/modules/links/signed-token.server";
import type { MailKind } from "~/modules/mail/kinds";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { wakeSender } from "~/modules/mail/sender.server";
import { getEnv } from "~/utils/env.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { blankSessionCookie, createSession, invalidateSession } from "./session.server";
import { passwordCheckSucceeded, signInSucceeded, takeAccountMailAllowance, takePasswordCheck, takeSignInAttempt, takeSignUpAllowance } from "./throttle.server";
import type { SignIn, SignUp } from "./validation";

export const RESET_TOKEN_MINUTES = 60;
export const VERIFY_LINK_HOURS = 48;

type Client = { ip: string };

/**
 * Account mail goes through the outbox like every other: queued here, delivered by the background
 * sender, so a slow or failing mail server never delays or breaks a form.
 */
function mailLater(db: Db, userId: string, kind: MailKind, data: Record<string, string | number>, toAddress?: string) {
  enqueueMail(db, { userId, toAddress, kind, data });
  wakeSender();
}

function verificationLink(userId: string, email: string) {
  const token = signToken("verify-email", { u: userId, e: fingerprint(email) }, VERIFY_LINK_HOURS * 3600);
  return `${getEnv().APP_URL}/verify-email?token=${token}`;
}

function mailVerificationLink(db: Db, user: { id: string; email: string }) {
  mailLater(db, user.id, "verify_email", { link: verificationLink(user.id, user.email), hours: VERIFY_LINK_HOURS }, user.email);
}

/**
 * Creates an account and mails a confirmation link; never signs in by itself. The answer is the
 * same, in about the same time, whether or not the address already has an account (the password
 * is hashed either way): an existing owner is told by e-mail instead, or sent a fresh link if
 * they never confirmed.
 */
export async function signUp(db: Db, input: SignUp, { ip, locale }: Client & { locale: Locale }): Promise<Outcome<null>> {
  const wait = await takeSignUpAllowance(ip);
  if (wait) return rateLimited(wait);
  const passwordHash = await hashPassword(input.password);
  const id = generateIdFromEntropySize(10);
  // Insert-or-nothing on the unique e-mail: no check-then-insert race.
  const inserted = db
    .insert(users)
    .values({ id, email: input.email, displayName: input.displayName, passwordHash, homeDistrictId: input.homeDistrictId ?? null, locale, createdAt: new Date() })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id })
    .all();
  if (inserted.length) {
    mailVerificationLink(db, { id, email: input.email });
    return done(null);
  }
  const owner = db.select({ id: users.id, locale: users.locale, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, input.email)).get();
  if (owner && (await takeAccountMailAllowance(ip, input.email))) {
    if (!owner.emailVerifiedAt) {
      mailVerificationLink(db, { id: owner.id, email: input.email });
    } else {
      mailLater(db, owner.id, "existing_account", {});
    }
  }
  return done(null);
}

/** A new confirmation link for a signed-in person who has not confirmed yet. */
export async function resendVerification(db: Db, actor: Actor, client: Client): Promise<Outcome<null>> {
  const user = db.select({ id: users.id, email: users.email, locale: users.locale, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, actor.id)).get();
  if (!user) return refuse("notFound");
  if (user.emailVerifiedAt) return done(null);
  if (await takeAccountMailAllowance(client.ip, user.email)) mailVerificationLink(db, user);
  return done(null);
}

/** Whether a confirmation link is genuine, unexpired, unused and for the account's current address. */
export function checkVerificationToken(db: Db, token: unknown) {
  const payload = readToken("verify-email", token);
  if (!payload || typeof payload.u !== "string") return null;
  const user = db.select({ id: users.id, email: users.email, emailVerifiedAt: users.emailVerifiedAt, suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, payload.u)).get();
  if (!user || user.emailVerifiedAt || user.suspendedAt || payload.e !== fingerprint(user.email)) return null;
  return user;
}

/** Confirms the address and signs the person in. The link works once: a confirmed account refuses it. */
export async function verifyEmail(db: Db, token: unknown): Promise<Outcome<{ cookie: string; userId: string }>> {
  const user = checkVerificationToken(db, token);
  if (!user) return refuse("invalid", { message: "errors.verifyLinkInvalid" });
  const updated = db.update(users).set({ emailVerifiedAt: new Date() }).where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt))).returning({ id: users.id }).all();
  if (updated.length === 0) return refuse("invalid", { message: "errors.verifyLinkInvalid" });
  return done({ cookie: await createSession(db, user.id), userId: user.id });
}

export type SignInResult = Outcome<{ cookie: string; userId: string; locale: Locale }>;

export async function signIn(db: Db, input: SignIn, client: Client): Promise<SignInResult> {
  const wait = await takeSignInAttempt(client.ip, input.email);
  if (wait) return refuse("rateLimited", { message: "errors.signInThrottled", params: { seconds: wait } });
  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash, suspendedAt: users.suspendedAt, locale: users.locale })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  // Unknown accounts cost the same hashing time, so timing does not reveal who has an account.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) return refuse("invalid", { message: "errors.signInInvalid" });
  await signInSucceeded(client.ip, input.email);
  if (user.suspendedAt) return refuse("suspended", { message: "errors.accountSuspended" });
  return done({ cookie: await createSession(db, user.id), userId: user.id, locale: user.locale });
}

/** Ends the session (if any) and returns the cookie that erases it from the browser. */
export async function signOut(db: Db, sessionId: string | undefined) {
  if (sessionId) await invalidateSession(db, sessionId);
  return blankSessionCookie(db);
}

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/**
 * Always answers the same way and in about the same time, whether or not the address has an
 * account: the mail is sent after the reply, and the allowance is taken for unknown addresses too.
 */
export async function requestPasswordReset(db: Db, email: string, client: Client) {
  if (!(await takeAccountMailAllowance(client.ip, email))) return;
  const user = db.select({ id: users.id, locale: users.locale, suspendedAt: users.suspendedAt }).from(users).where(eq(users.email, email)).get();
  if (!user || user.suspendedAt) return;
  const token = crypto.randomBytes(32).toString("base64url");
  db.insert(passwordResetTokens)
    .values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) })
    .run();
  mailLater(db, user.id, "password_reset", { link: `${getEnv().APP_URL}/reset-password?token=${token}`, minutes: RESET_TOKEN_MINUTES });
}

export function isResetTokenUsable(db: Db, token: string) {
  return !!db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), gt(passwordResetTokens.expiresAt, new Date())))
    .get();
}

/**
 * Single use: the token and every other token of the account go, and so do all its sessions.
 * The link reached the address, so the address counts as confirmed.
 */
export async function resetPassword(db: Db, token: string, newPassword: string): Promise<Outcome<null>> {
  const passwordHash = await hashPassword(newPassword);
  return runCommand(db, (tx) => {
    const row = tx
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), gt(passwordResetTokens.expiresAt, new Date())))
      .returning({ userId: passwordResetTokens.userId })
      .get();
    if (!row) return refuse("invalid", { message: "errors.resetLinkInvalid" });
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, row.userId)).run();
    const current = tx.select({ emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, row.userId)).get();
    tx.update(users)
      .set({ passwordHash, emailVerifiedAt: current?.emailVerifiedAt ?? new Date() })
      .where(eq(users.id, row.userId))
      .run();
    return done(null, [{ type: "user.passwordChanged", userId: row.userId, keepSessionId: null }]);
  });
}

/** Every other device is signed out; this one gets a fresh session id. */
export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<Outcome<{ cookie: string }>> {
  const wait = await takePasswordCheck(actor.id);
  if (wait) return refuse("rateLimited", { fieldErrors: { currentPassword: ["errors.signInThrottled"] } });
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id)).get();
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return refuse("invalid", { fieldErrors: { currentPassword: ["errors.currentPasswordWrong"] } });
  }
  await passwordCheckSucceeded(actor.id);
  const passwordHash = await hashPassword(input.newPassword);
  const changed = runCommand(db, (tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id)).run();
    return done(null, [{ type: "user.passwordChanged", userId: actor.id, keepSessionId: null }]);
  });
  if (!changed.ok) return changed;
  return done({ cookie: await createSession(db, actor.id) });
}
