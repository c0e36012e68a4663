import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { auditEvents, users } from "#db/schema";
import { createUser } from "#tests/factories/users";
import { createDistrict } from "#tests/factories/places";
import { signIn } from "../auth/commands.server";
import { validateSessionCookie } from "../auth/session.server";
import { changeRole, reinstateUser, suspendUser, updateProfile } from "./commands.server";
import { listUsers } from "./queries.server";

const actorOf = (u: { id: string; role: "resident" | "moderator" | "council" | "admin" }) => ({ id: u.id, role: u.role, suspendedAt: null });

describe("admin account management", () => {
  it("changes a role and writes the change to the audit log in the same step", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    const resident = await createUser(getDb());
    expect(changeRole(actorOf(admin), resident.id, "moderator")).toEqual({ ok: true });
    expect(getDb().select().from(users).where(eq(users.id, resident.id)).get()!.role).toBe("moderator");
    const [event] = getDb().select().from(auditEvents).all();
    expect(event).toMatchObject({ actorId: admin.id, action: "user.role_changed", targetId: resident.id, details: { from: "resident", to: "moderator" } });
  });

  it("refuses non-admins, including council, and an admin acting on their own account (baseline 11)", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    const council = await createUser(getDb(), { role: "council" });
    const moderator = await createUser(getDb(), { role: "moderator" });
    const resident = await createUser(getDb());
    expect(changeRole(actorOf(council), resident.id, "admin")).toEqual({ ok: false, error: "forbidden" });
    expect(changeRole(actorOf(moderator), resident.id, "admin")).toEqual({ ok: false, error: "forbidden" });
    expect(changeRole(actorOf(resident), resident.id, "admin")).toEqual({ ok: false, error: "forbidden" });
    expect(changeRole(actorOf(admin), admin.id, "resident")).toEqual({ ok: false, error: "forbidden" });
    expect(suspendUser(actorOf(council), resident.id, "spam")).toEqual({ ok: false, error: "forbidden" });
    expect(getDb().select().from(users).where(eq(users.id, resident.id)).get()).toMatchObject({ role: "resident", suspendedAt: null });
    expect(getDb().select().from(auditEvents).all()).toHaveLength(0);
  });

  it("suspension ends the resident's sessions; reinstating lets them back in", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    const resident = await createUser(getDb());
    const signedIn = await signIn({ email: resident.email, password: resident.password }, { ip: "198.51.100.1" });
    if (!signedIn.ok) throw new Error("sign-in failed");
    const request = new Request("http://localhost/", { headers: { Cookie: signedIn.cookie.split(";")[0] } });

    expect(suspendUser(actorOf(admin), resident.id, "Repeated spam")).toEqual({ ok: true });
    expect((await validateSessionCookie(request)).user).toBeNull();
    expect(await signIn({ email: resident.email, password: resident.password }, { ip: "198.51.100.1" })).toMatchObject({ reason: "suspended" });

    expect(reinstateUser(actorOf(admin), resident.id)).toEqual({ ok: true });
    expect((await signIn({ email: resident.email, password: resident.password }, { ip: "198.51.100.1" })).ok).toBe(true);
    expect(getDb().select({ action: auditEvents.action }).from(auditEvents).all().map((e) => e.action)).toEqual(["user.suspended", "user.reinstated"]);
  });

  it("answers notFound for an unknown account", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    expect(suspendUser(actorOf(admin), "nope", "reason")).toEqual({ ok: false, error: "notFound" });
  });
});

describe("the audit log is append-only in the database itself", () => {
  it("refuses UPDATE and DELETE", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    const resident = await createUser(getDb());
    changeRole(actorOf(admin), resident.id, "council");
    expect(() => getDb().update(auditEvents).set({ action: "nothing happened" }).run()).toThrow(/append-only/);
    expect(() => getDb().delete(auditEvents).run()).toThrow(/append-only/);
    expect(getDb().select().from(auditEvents).all()).toHaveLength(1);
  });
});

describe("profile", () => {
  it("updates the public name and home district, and refuses an unknown district", async () => {
    const user = await createUser(getDb());
    const district = createDistrict(getDb(), { slug: "harbour", nameEn: "Harbour", nameFr: "Port" });
    expect(updateProfile(user.id, { displayName: "Renamed", homeDistrictId: district.id })).toEqual({ ok: true });
    expect(updateProfile(user.id, { displayName: "Other", homeDistrictId: 9999 })).toMatchObject({ ok: false, fieldErrors: { homeDistrictId: ["errors.districtInvalid"] } });
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ displayName: "Renamed", homeDistrictId: district.id });
  });
});

describe("user list", () => {
  it("pages and searches by name or e-mail, with % and _ taken literally", async () => {
    for (let i = 0; i < 30; i++) await createUser(getDb(), { displayName: `Person ${i}` });
    await createUser(getDb(), { displayName: "Zoé 100%", email: "zoe@example.org" });
    const first = listUsers({ q: "", page: 1 });
    expect(first.total).toBe(31);
    expect(first.rows).toHaveLength(25);
    expect(listUsers({ q: "", page: 2 }).rows).toHaveLength(6);
    expect(listUsers({ q: "zoe@", page: 1 }).rows.map((r) => r.displayName)).toEqual(["Zoé 100%"]);
    expect(listUsers({ q: "100%", page: 1 }).total).toBe(1);
    expect(listUsers({ q: "%", page: 1 }).total).toBe(1);
  });
});
