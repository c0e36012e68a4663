import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { passwordResetTokens, sessions, users } from "#db/schema";
import { deliveredMail, mailsTo as deliveredTo } from "#tests/helpers/mail";
import { createUser } from "#tests/factories/users";
import { signToken } from "~/modules/links/signed-token.server";
import { changePassword, checkVerificationToken, requestPasswordReset, resendVerification, resetPassword, signIn, signOut, signUp, verifyEmail } from "./commands.server";
import { ARGON2_OPTIONS } from "./password.server";
import { sessionCookieName, validateSessionCookie } from "./session.server";
import { SIGN_IN_LIMITS } from "./throttle.server";

const db = () => getDb();
const cookieValue = (setCookie: string) => setCookie.split(";")[0];
const requestWith = (setCookie: string) => new Request("http://localhost/", { headers: { Cookie: cookieValue(setCookie) } });
const uniqueIp = () => `203.0.113.${Math.floor(Math.random() * 250)}-${Math.random()}`;
const newcomer = (email: string) => ({ email, displayName: "New Person", password: "a long password" });

async function signedIn(email: string, password: string) {
  const result = await signIn(db(), { email, password }, { ip: uniqueIp() });
  if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
  return result.value.cookie;
}

const mailsTo = (to: string) => deliveredTo(db(), to);
const linkToken = (text: string, path: string) => text.match(new RegExp(`${path}\\?token=([\\w.-]+)`))?.[1];
const lastResetToken = async (to: string) => linkToken((await mailsTo(to)).at(-1)?.text ?? "", "/reset-password");
const lastVerifyToken = async (to: string) => linkToken((await mailsTo(to)).at(-1)?.text ?? "", "/verify-email");

describe("sign up", () => {
  it("creates an unconfirmed account with an Argon2id hash, signs nobody in, and mails a confirmation link", async () => {
    const result = await signUp(db(), newcomer("new@example.org"), { ip: uniqueIp(), locale: "fr" });
    expect(result).toEqual({ ok: true, value: null, events: [] });
    const row = db().select().from(users).where(eq(users.email, "new@example.org")).get()!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row).toMatchObject({ role: "resident", locale: "fr", emailVerifiedAt: null });
    expect(db().select().from(sessions).all()).toHaveLength(0);
    const [mail] = await mailsTo("new@example.org");
    expect(mail.subject).toMatch(/Confirmez/);
    expect(await lastVerifyToken("new@example.org")).toBeTruthy();
  });

  it("answers a registered address exactly as a new one, and tells the owner by e-mail instead (no enumeration)", async () => {
    const owner = await createUser(db(), { email: "taken@example.org" });
    const fresh = await signUp(db(), newcomer("someone-new@example.org"), { ip: uniqueIp(), locale: "en" });
    const taken = await signUp(db(), newcomer("taken@example.org"), { ip: uniqueIp(), locale: "en" });
    expect(taken).toEqual(fresh);
    // Nothing of the owner's account changed, and the owner was told.
    expect(db().select().from(users).where(eq(users.id, owner.id)).get()!.passwordHash).not.toBe("");
    expect(db().select().from(users).where(eq(users.email, "taken@example.org")).all()).toHaveLength(1);
    const [notice] = await mailsTo("taken@example.org");
    expect(notice.subject).toMatch(/already has an account|account/i);
    expect(notice.text).toContain("/forgot-password");
  });

  it("sends an unconfirmed owner who signs up again a fresh confirmation link", async () => {
    await signUp(db(), newcomer("again@example.org"), { ip: uniqueIp(), locale: "en" });
    await signUp(db(), newcomer("again@example.org"), { ip: uniqueIp(), locale: "en" });
    expect((await mailsTo("again@example.org")).filter((m) => m.text.includes("/verify-email?token="))).toHaveLength(2);
  });

  it("throttles sign-ups from one address (a script cannot mint accounts)", async () => {
    const ip = uniqueIp();
    const outcomes = [];
    for (let i = 0; i < 15; i++) outcomes.push(await signUp(db(), newcomer(`bulk${i}@example.org`), { ip, locale: "en" }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, code: "rateLimited" });
    expect(db().select().from(users).all()).toHaveLength(10);
    // Another address is not affected.
    expect((await signUp(db(), newcomer("elsewhere@example.org"), { ip: uniqueIp(), locale: "en" })).ok).toBe(true);
  });

  it("uses OWASP's minimum Argon2id parameters (baseline 7)", () => {
    expect(ARGON2_OPTIONS).toMatchObject({ algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });
});

describe("confirming the address", () => {
  it("confirms and signs in with the mailed link, once", async () => {
    await signUp(db(), newcomer("confirm@example.org"), { ip: uniqueIp(), locale: "en" });
    const token = (await lastVerifyToken("confirm@example.org"))!;
    const first = await verifyEmail(db(), token);
    if (!first.ok) throw new Error(first.code);
    expect((await validateSessionCookie(db(), requestWith(first.value.cookie))).user?.email).toBe("confirm@example.org");
    expect(db().select().from(users).where(eq(users.email, "confirm@example.org")).get()!.emailVerifiedAt).toBeInstanceOf(Date);
    // The same link again signs nobody in.
    expect(await verifyEmail(db(), token)).toMatchObject({ ok: false, message: "errors.verifyLinkInvalid" });
  });

  it("refuses forged, expired and other-purpose tokens, and links for an address the account no longer has", async () => {
    const user = await createUser(db(), { emailVerified: false });
    const genuine = signToken("verify-email", { u: user.id, e: "wrong-fingerprint" }, 3600);
    const expired = signToken("verify-email", { u: user.id, e: "x" }, -10);
    const otherPurpose = signToken("unsubscribe", { u: user.id }, 3600);
    for (const token of [genuine, expired, otherPurpose, "garbage", `${genuine}x`, ""]) {
      expect(checkVerificationToken(db(), token)).toBeNull();
      expect((await verifyEmail(db(), token)).ok).toBe(false);
    }
    expect(db().select().from(users).where(eq(users.id, user.id)).get()!.emailVerifiedAt).toBeNull();
  });

  it("can be asked again by the signed-in person, within the mail allowance", async () => {
    const user = await createUser(db(), { emailVerified: false });
    for (let i = 0; i < 5; i++) expect((await resendVerification(db(), user, { ip: uniqueIp() })).ok).toBe(true);
    expect(await mailsTo(user.email)).toHaveLength(3);
  });
});

describe("sign in", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const user = await createUser(db());
    expect(await signIn(db(), { email: user.email, password: "wrong password" }, { ip: uniqueIp() })).toMatchObject({ ok: false, message: "errors.signInInvalid" });
    expect((await signIn(db(), { email: user.email, password: user.password }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("lets an unconfirmed account sign in (to read and ask for a new link)", async () => {
    const user = await createUser(db(), { emailVerified: false });
    expect((await signIn(db(), { email: user.email, password: user.password }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("throttles repeated failures from one address without locking the owner out (baseline 1)", async () => {
    const user = await createUser(db());
    const attacker = uniqueIp();
    const outcomes = [];
    for (let i = 0; i < 100; i++) outcomes.push(await signIn(db(), { email: user.email, password: `guess-${i}` }, { ip: attacker }));
    expect(outcomes.filter((o) => !o.ok && o.code === "rateLimited")).toHaveLength(100 - SIGN_IN_LIMITS.perAccountAndAddress);
    // Even the right password is refused from the attacking address...
    expect(await signIn(db(), { email: user.email, password: user.password }, { ip: attacker })).toMatchObject({ ok: false, code: "rateLimited" });
    // ...while the owner, elsewhere, gets in.
    expect((await signIn(db(), { email: user.email, password: user.password }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("cannot be raced: a burst of simultaneous guesses gets no more tries than the limit, the right one included", async () => {
    const user = await createUser(db());
    const attacker = uniqueIp();
    const burst = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) => signIn(db(), { email: user.email, password: `guess-${i}` }, { ip: attacker })),
      signIn(db(), { email: user.email, password: user.password }, { ip: attacker }),
    ]);
    const tried = burst.filter((o) => o.ok || o.code !== "rateLimited");
    expect(tried.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccountAndAddress);
    // The right password came last in the burst: it was throttled, not let through.
    expect(burst.at(-1)).toMatchObject({ ok: false, code: "rateLimited" });
  });

  it("issues a new session at every sign-in, so a cookie set before it is worthless (baseline 2)", async () => {
    const user = await createUser(db());
    const before = await signedIn(user.email, user.password);
    const after = await signedIn(user.email, user.password);
    expect(cookieValue(after)).not.toBe(cookieValue(before));
    const planted = new Request("http://localhost/", { headers: { Cookie: "civic_session=attacker-chosen-id" } });
    expect((await validateSessionCookie(db(), planted)).user).toBeNull();
  });

  it("stores only a hash of the session token: a copy of the sessions table opens no session (baseline 2)", async () => {
    const user = await createUser(db());
    const cookie = await signedIn(user.email, user.password);
    const token = cookieValue(cookie).split("=")[1];
    const [row] = db().select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(row.id).not.toBe(token);
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    const stolen = new Request("http://localhost/", { headers: { Cookie: `civic_session=${row.id}` } });
    expect((await validateSessionCookie(db(), stolen)).user).toBeNull();
    expect((await validateSessionCookie(db(), requestWith(cookie))).user?.id).toBe(user.id);
  });

  it("refuses a suspended account", async () => {
    const user = await createUser(db(), { suspendedAt: new Date() });
    expect(await signIn(db(), { email: user.email, password: user.password }, { ip: uniqueIp() })).toMatchObject({ ok: false, code: "suspended" });
  });

  it("sets HttpOnly, SameSite=Lax, Path=/ and an absolute Max-Age on the cookie, named __Host- when secure (baseline 6)", async () => {
    const user = await createUser(db());
    const cookie = await signedIn(user.email, user.password);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(sessionCookieName(true)).toBe("__Host-civic_session");
  });
});

describe("sessions end", () => {
  it("after sign-out: replaying the old cookie is anonymous (baseline 3)", async () => {
    const user = await createUser(db());
    const cookie = await signedIn(user.email, user.password);
    const { session } = await validateSessionCookie(db(), requestWith(cookie));
    await signOut(db(), session!.id);
    expect((await validateSessionCookie(db(), requestWith(cookie))).user).toBeNull();
  });

  it("on password change, except a fresh one for the device that changed it (baseline 4)", async () => {
    const user = await createUser(db());
    const laptop = await signedIn(user.email, user.password);
    const phone = await signedIn(user.email, user.password);
    const result = await changePassword(db(), user, { currentPassword: user.password, newPassword: "a brand new password" });
    if (!result.ok) throw new Error(result.code);
    expect((await validateSessionCookie(db(), requestWith(phone))).user).toBeNull();
    expect((await validateSessionCookie(db(), requestWith(laptop))).user).toBeNull();
    expect((await validateSessionCookie(db(), requestWith(result.value.cookie))).user?.id).toBe(user.id);
  });

  it("throttles guesses of the current password from a live session, also in a burst", async () => {
    const user = await createUser(db());
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => changePassword(db(), user, { currentPassword: `guess ${i}`, newPassword: "a brand new password" })));
    expect(burst.filter((o) => !o.ok && o.fieldErrors?.currentPassword?.[0] === "errors.currentPasswordWrong").length).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccountAndAddress);
    expect(await changePassword(db(), user, { currentPassword: user.password, newPassword: "a brand new password" })).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["errors.signInThrottled"] },
    });
  });

  it("refuses a password change with the wrong current password", async () => {
    const user = await createUser(db());
    const result = await changePassword(db(), user, { currentPassword: "not it", newPassword: "a brand new password" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["errors.currentPasswordWrong"] } });
    expect((await signIn(db(), { email: user.email, password: user.password }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("when the account is suspended while signed in", async () => {
    const user = await createUser(db());
    const cookie = await signedIn(user.email, user.password);
    db().update(users).set({ suspendedAt: new Date() }).where(eq(users.id, user.id)).run();
    expect((await validateSessionCookie(db(), requestWith(cookie))).user).toBeNull();
  });

  it("after the absolute lifetime even when active", async () => {
    const user = await createUser(db());
    const cookie = await signedIn(user.email, user.password);
    const longAgo = Math.floor(Date.now() / 1000) - 31 * 24 * 3600;
    db().update(sessions).set({ createdAt: longAgo }).where(eq(sessions.userId, user.id)).run();
    expect((await validateSessionCookie(db(), requestWith(cookie))).user).toBeNull();
  });
});

describe("password reset (baseline 5)", () => {
  it("mails a single-use link, stores only its hash, and ends every session", async () => {
    const user = await createUser(db());
    const cookie = await signedIn(user.email, user.password);
    await requestPasswordReset(db(), user.email, { ip: uniqueIp() });
    const token = (await lastResetToken(user.email))!;
    expect(token).toBeTruthy();
    const stored = db().select().from(passwordResetTokens).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toContain(token);

    expect((await resetPassword(db(), token, "my new password!")).ok).toBe(true);
    expect((await resetPassword(db(), token, "another password")).ok).toBe(false);
    expect((await validateSessionCookie(db(), requestWith(cookie))).user).toBeNull();
    expect((await signIn(db(), { email: user.email, password: "my new password!" }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("confirms an unconfirmed address: the link reached it", async () => {
    const user = await createUser(db(), { emailVerified: false });
    await requestPasswordReset(db(), user.email, { ip: uniqueIp() });
    expect((await resetPassword(db(), (await lastResetToken(user.email))!, "my new password!")).ok).toBe(true);
    expect(db().select().from(users).where(eq(users.id, user.id)).get()!.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("refuses an expired link", async () => {
    const user = await createUser(db());
    await requestPasswordReset(db(), user.email, { ip: uniqueIp() });
    const token = (await lastResetToken(user.email))!;
    db().update(passwordResetTokens).set({ expiresAt: new Date(Date.now() - 1000) }).run();
    expect((await resetPassword(db(), token, "my new password!")).ok).toBe(false);
  });

  it("answers an unknown address exactly as a known one, and sends nothing", async () => {
    const user = await createUser(db());
    await requestPasswordReset(db(), user.email, { ip: uniqueIp() });
    await requestPasswordReset(db(), "nobody@example.org", { ip: uniqueIp() });
    expect((await deliveredMail(db())).map((m) => m.to)).toEqual([user.email]);
  });

  it("sends at most three links an hour to one address, answering the same way (no inbox flooding)", async () => {
    const user = await createUser(db());
    for (let i = 0; i < 5; i++) expect(await requestPasswordReset(db(), user.email, { ip: uniqueIp() })).toBeUndefined();
    expect((await deliveredMail(db()))).toHaveLength(3);
    expect(db().select().from(passwordResetTokens).all()).toHaveLength(3);
  });

  it("writes the mail in the account's language", async () => {
    const user = await createUser(db(), { locale: "fr" });
    await requestPasswordReset(db(), user.email, { ip: uniqueIp() });
    const mail = (await deliveredMail(db()))[0];
    expect(mail.subject).toContain("Réinitialiser");
  });
});
