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
    expect(changeRole(getDb(), actorOf(admin), resident.id, "moderator")).toMatchObject({ ok: true });
    expect(getDb().select().from(users).where(eq(users.id, resident.id)).get()!.role).toBe("moderator");
    const [event] = getDb().select().from(auditEvents).all();
    expect(event).toMatchObject({ actorId: admin.id, action: "user.role_changed", targetId: resident.id, details: { from: "resident", to: "moderator" } });
  });

  it("refuses non-admins, including council, and an admin acting on their own account (baseline 11)", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    const council = await createUser(getDb(), { role: "council" });
    const moderator = await createUser(getDb(), { role: "moderator" });
    const resident = await createUser(getDb());
    expect(changeRole(getDb(), actorOf(council), resident.id, "admin")).toMatchObject({ ok: false, code: "forbidden" });
    expect(changeRole(getDb(), actorOf(moderator), resident.id, "admin")).toMatchObject({ ok: false, code: "forbidden" });
    expect(changeRole(getDb(), actorOf(resident), resident.id, "admin")).toMatchObject({ ok: false, code: "forbidden" });
    expect(changeRole(getDb(), actorOf(admin), admin.id, "resident")).toMatchObject({ ok: false, code: "forbidden" });
    expect(suspendUser(getDb(), actorOf(council), resident.id, "spam")).toMatchObject({ ok: false, code: "forbidden" });
    expect(getDb().select().from(users).where(eq(users.id, resident.id)).get()).toMatchObject({ role: "resident", suspendedAt: null });
    expect(getDb().select().from(auditEvents).all()).toHaveLength(0);
  });

  it("suspension ends the resident's sessions; reinstating lets them back in", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    const resident = await createUser(getDb());
    const signedIn = await signIn(getDb(), { email: resident.email, password: resident.password }, { ip: "198.51.100.1" });
    if (!signedIn.ok) throw new Error("sign-in failed");
    const request = new Request("http://localhost/", { headers: { Cookie: signedIn.value.cookie.split(";")[0] } });

    expect(suspendUser(getDb(), actorOf(admin), resident.id, "Repeated spam")).toMatchObject({ ok: true });
    expect((await validateSessionCookie(getDb(), request)).user).toBeNull();
    expect(await signIn(getDb(), { email: resident.email, password: resident.password }, { ip: "198.51.100.1" })).toMatchObject({ code: "suspended" });

    expect(reinstateUser(getDb(), actorOf(admin), resident.id)).toMatchObject({ ok: true });
    expect((await signIn(getDb(), { email: resident.email, password: resident.password }, { ip: "198.51.100.1" })).ok).toBe(true);
    expect(getDb().select({ action: auditEvents.action }).from(auditEvents).all().map((e) => e.action)).toEqual(["user.suspended", "user.reinstated"]);
  });

  it("answers notFound for an unknown account", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    expect(suspendUser(getDb(), actorOf(admin), "nope", "reason")).toMatchObject({ ok: false, code: "notFound" });
  });
});

describe("the audit log is append-only in the database itself", () => {
  it("refuses UPDATE and DELETE", async () => {
    const admin = await createUser(getDb(), { role: "admin" });
    const resident = await createUser(getDb());
    changeRole(getDb(), actorOf(admin), resident.id, "council");
    expect(() => getDb().update(auditEvents).set({ action: "nothing happened" }).run()).toThrow(/append-only/);
    expect(() => getDb().delete(auditEvents).run()).toThrow(/append-only/);
    expect(getDb().select().from(auditEvents).all()).toHaveLength(1);
  });
});

describe("profile", () => {
  it("updates the public name and home district, and refuses an unknown district", async () => {
    const user = await createUser(getDb());
    const district = createDistrict(getDb(), { slug: "harbour", nameEn: "Harbour", nameFr: "Port" });
    expect(updateProfile(getDb(), user, { displayName: "Renamed", homeDistrictId: district.id })).toMatchObject({ ok: true });
    expect(updateProfile(getDb(), user, { displayName: "Other", homeDistrictId: 9999 })).toMatchObject({ ok: false, fieldErrors: { homeDistrictId: ["errors.districtInvalid"] } });
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ displayName: "Renamed", homeDistrictId: district.id });
  });
});

describe("user list", () => {
  it("pages and searches by name or e-mail, with % and _ taken literally", async () => {
    for (let i = 0; i < 30; i++) await createUser(getDb(), { displayName: `Person ${i}` });
    await createUser(getDb(), { displayName: "Zoé 100%", email: "zoe@example.org" });
    const first = listUsers(getDb(), { q: "", page: 1 });
    expect(first.total).toBe(31);
    expect(first.rows).toHaveLength(25);
    expect(listUsers(getDb(), { q: "", page: 2 }).rows).toHaveLength(6);
    expect(listUsers(getDb(), { q: "zoe@", page: 1 }).rows.map((r) => r.displayName)).toEqual(["Zoé 100%"]);
    expect(listUsers(getDb(), { q: "100%", page: 1 }).total).toBe(1);
    expect(listUsers(getDb(), { q: "%", page: 1 }).total).toBe(1);
  });
});
