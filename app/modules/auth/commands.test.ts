import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { outboxMessages, passwordResetTokens, sessions, users } from "#db/schema";
import { createUser } from "#tests/factories/users";
import { changePassword, requestPasswordReset, resetPassword, signIn, signOut, signUp } from "./commands.server";
import { ARGON2_OPTIONS } from "./password.server";
import { validateSessionCookie } from "./session.server";
import { SIGN_IN_LIMITS } from "./throttle.server";

const cookieValue = (setCookie: string) => setCookie.split(";")[0];
const requestWith = (setCookie: string) => new Request("http://localhost/", { headers: { Cookie: cookieValue(setCookie) } });
const uniqueIp = () => `203.0.113.${Math.floor(Math.random() * 250)}-${Math.random()}`;

async function signedIn(email: string, password: string) {
  const result = await signIn({ email, password }, { ip: uniqueIp() });
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  return result.cookie;
}

function lastResetLink(to: string) {
  const mail = getDb().select().from(outboxMessages).where(eq(outboxMessages.toAddress, to)).all().at(-1);
  return mail?.text.match(/token=([\w-]+)/)?.[1];
}

describe("sign up", () => {
  it("creates an account with an Argon2id hash and a session", async () => {
    const result = await signUp({ email: "new@example.org", displayName: "New Person", password: "a long password" }, "fr");
    expect(result.ok).toBe(true);
    const row = getDb().select().from(users).where(eq(users.email, "new@example.org")).get()!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.role).toBe("resident");
    expect(row.locale).toBe("fr");
    if (result.ok) expect((await validateSessionCookie(requestWith(result.cookie))).user?.id).toBe(row.id);
  });

  it("refuses a second account on the same address", async () => {
    await createUser(getDb(), { email: "taken@example.org" });
    const result = await signUp({ email: "taken@example.org", displayName: "Someone", password: "a long password" }, "en");
    expect(result).toEqual({ ok: false, fieldErrors: { email: ["errors.emailTaken"] } });
  });

  it("uses OWASP's minimum Argon2id parameters (baseline 7)", () => {
    expect(ARGON2_OPTIONS).toMatchObject({ algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });
});

describe("sign in", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const user = await createUser(getDb());
    expect((await signIn({ email: user.email, password: "wrong password" }, { ip: uniqueIp() })).ok).toBe(false);
    expect((await signIn({ email: user.email, password: user.password }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("throttles repeated failures from one address without locking the owner out (baseline 1)", async () => {
    const user = await createUser(getDb());
    const attacker = uniqueIp();
    const outcomes = [];
    for (let i = 0; i < 100; i++) {
      outcomes.push((await signIn({ email: user.email, password: `guess-${i}` }, { ip: attacker })) as { reason?: string });
    }
    const throttled = outcomes.filter((o) => o.reason === "throttled").length;
    expect(throttled).toBe(100 - SIGN_IN_LIMITS.perAccountAndAddress);
    // Even the right password is refused from the attacking address...
    expect((await signIn({ email: user.email, password: user.password }, { ip: attacker })) as { reason?: string }).toMatchObject({ reason: "throttled" });
    // ...while the owner, elsewhere, gets in.
    expect((await signIn({ email: user.email, password: user.password }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("issues a new session id at every sign-in, so a cookie set before it is worthless (baseline 2)", async () => {
    const user = await createUser(getDb());
    const before = await signedIn(user.email, user.password);
    const after = await signedIn(user.email, user.password);
    expect(cookieValue(after)).not.toBe(cookieValue(before));
    const planted = new Request("http://localhost/", { headers: { Cookie: "civic_session=attacker-chosen-id" } });
    expect((await validateSessionCookie(planted)).user).toBeNull();
  });

  it("refuses a suspended account", async () => {
    const user = await createUser(getDb(), { suspendedAt: new Date() });
    expect((await signIn({ email: user.email, password: user.password }, { ip: uniqueIp() })) as { reason?: string }).toMatchObject({ reason: "suspended" });
  });

  it("sets HttpOnly, SameSite=Lax, Path=/ and an absolute Max-Age on the cookie (baseline 6)", async () => {
    const user = await createUser(getDb());
    const cookie = await signedIn(user.email, user.password);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
  });
});

describe("sessions end", () => {
  it("after sign-out: replaying the old cookie is anonymous (baseline 3)", async () => {
    const user = await createUser(getDb());
    const cookie = await signedIn(user.email, user.password);
    const { session } = await validateSessionCookie(requestWith(cookie));
    await signOut(session!.id);
    expect((await validateSessionCookie(requestWith(cookie))).user).toBeNull();
  });

  it("on password change, except a fresh one for the device that changed it (baseline 4)", async () => {
    const user = await createUser(getDb());
    const laptop = await signedIn(user.email, user.password);
    const phone = await signedIn(user.email, user.password);
    const { session } = await validateSessionCookie(requestWith(laptop));
    const result = await changePassword({ userId: user.id, sessionId: session!.id }, { currentPassword: user.password, newPassword: "a brand new password" });
    expect(result.ok).toBe(true);
    expect((await validateSessionCookie(requestWith(phone))).user).toBeNull();
    expect((await validateSessionCookie(requestWith(laptop))).user).toBeNull();
    if (result.ok) expect((await validateSessionCookie(requestWith(result.cookie))).user?.id).toBe(user.id);
  });

  it("throttles guesses of the current password from a live session", async () => {
    const user = await createUser(getDb());
    for (let i = 0; i < 10; i++) {
      expect(await changePassword({ userId: user.id, sessionId: "x" }, { currentPassword: `guess ${i}`, newPassword: "a brand new password" })).toMatchObject({ ok: false });
    }
    expect(await changePassword({ userId: user.id, sessionId: "x" }, { currentPassword: user.password, newPassword: "a brand new password" })).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["errors.signInThrottled"] },
    });
  });

  it("refuses a password change with the wrong current password", async () => {
    const user = await createUser(getDb());
    const result = await changePassword({ userId: user.id, sessionId: "x" }, { currentPassword: "not it", newPassword: "a brand new password" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["errors.currentPasswordWrong"] } });
    expect((await signIn({ email: user.email, password: user.password }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("when the account is suspended while signed in", async () => {
    const user = await createUser(getDb());
    const cookie = await signedIn(user.email, user.password);
    getDb().update(users).set({ suspendedAt: new Date() }).where(eq(users.id, user.id)).run();
    expect((await validateSessionCookie(requestWith(cookie))).user).toBeNull();
  });

  it("after the absolute lifetime even when active", async () => {
    const user = await createUser(getDb());
    const cookie = await signedIn(user.email, user.password);
    const longAgo = Math.floor(Date.now() / 1000) - 31 * 24 * 3600;
    getDb().update(sessions).set({ createdAt: longAgo }).where(eq(sessions.userId, user.id)).run();
    expect((await validateSessionCookie(requestWith(cookie))).user).toBeNull();
  });
});

describe("password reset (baseline 5)", () => {
  it("mails a single-use link, stores only its hash, and ends every session", async () => {
    const user = await createUser(getDb());
    const cookie = await signedIn(user.email, user.password);
    await requestPasswordReset(user.email, { ip: uniqueIp() });
    const token = lastResetLink(user.email)!;
    expect(token).toBeTruthy();
    const stored = getDb().select().from(passwordResetTokens).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toContain(token);

    expect((await resetPassword(token, "my new password!")).ok).toBe(true);
    expect((await resetPassword(token, "another password")).ok).toBe(false);
    expect((await validateSessionCookie(requestWith(cookie))).user).toBeNull();
    expect((await signIn({ email: user.email, password: "my new password!" }, { ip: uniqueIp() })).ok).toBe(true);
  });

  it("refuses an expired link", async () => {
    const user = await createUser(getDb());
    await requestPasswordReset(user.email, { ip: uniqueIp() });
    const token = lastResetLink(user.email)!;
    getDb().update(passwordResetTokens).set({ expiresAt: new Date(Date.now() - 1000) }).run();
    expect((await resetPassword(token, "my new password!")).ok).toBe(false);
  });

  it("answers an unknown address exactly as a known one, and sends nothing", async () => {
    const user = await createUser(getDb());
    await requestPasswordReset(user.email, { ip: uniqueIp() });
    await requestPasswordReset("nobody@example.org", { ip: uniqueIp() });
    expect(getDb().select().from(outboxMessages).all().map((m) => m.toAddress)).toEqual([user.email]);
  });

  it("sends at most three links an hour to one address, answering the same way (no inbox flooding)", async () => {
    const user = await createUser(getDb());
    for (let i = 0; i < 5; i++) expect(await requestPasswordReset(user.email, { ip: uniqueIp() })).toBeUndefined();
    expect(getDb().select().from(outboxMessages).all()).toHaveLength(3);
    expect(getDb().select().from(passwordResetTokens).all()).toHaveLength(3);
  });

  it("writes the mail in the account's language", async () => {
    const user = await createUser(getDb(), { locale: "fr" });
    await requestPasswordReset(user.email, { ip: uniqueIp() });
    const mail = getDb().select().from(outboxMessages).get()!;
    expect(mail.subject).toContain("Réinitialiser");
  });
});
