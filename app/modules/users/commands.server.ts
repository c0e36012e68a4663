import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { districts, users, type Locale, type Role } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/auth/policy";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import { canManageUser } from "./policy";
import type { ProfileUpdate } from "./validation";

export type AdminResult = { ok: true } | { ok: false; error: "notFound" | "forbidden" };

function loadTarget(userId: string) {
  return getDb().select({ id: users.id, role: users.role, suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, userId)).get();
}

export function updateProfile(userId: string, input: ProfileUpdate) {
  const db = getDb();
  if (input.homeDistrictId !== undefined) {
    const exists = db.select({ id: districts.id }).from(districts).where(eq(districts.id, input.homeDistrictId)).get();
    if (!exists) return { ok: false as const, fieldErrors: { homeDistrictId: ["errors.districtInvalid"] } };
  }
  db.update(users)
    .set({ displayName: input.displayName, homeDistrictId: input.homeDistrictId ?? null })
    .where(eq(users.id, userId))
    .run();
  return { ok: true as const };
}

export function setPreferredLocale(userId: string, locale: Locale) {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}

export function changeRole(actor: Actor, userId: string, role: Role): AdminResult {
  const db = getDb();
  const target = loadTarget(userId);
  if (!target) return { ok: false, error: "notFound" };
  if (!canManageUser(actor, target)) return { ok: false, error: "forbidden" };
  if (target.role === role) return { ok: true };
  db.transaction((tx) => {
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: actor.id, action: "user.role_changed", targetType: "user", targetId: userId, details: { from: target.role, to: role } });
  });
  return { ok: true };
}

export function suspendUser(actor: Actor, userId: string, reason: string): AdminResult {
  const db = getDb();
  const target = loadTarget(userId);
  if (!target) return { ok: false, error: "notFound" };
  if (!canManageUser(actor, target)) return { ok: false, error: "forbidden" };
  if (target.suspendedAt) return { ok: true };
  db.transaction((tx) => {
    tx.update(users).set({ suspendedAt: new Date(), suspensionReason: reason }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: actor.id, action: "user.suspended", targetType: "user", targetId: userId, details: { reason } });
  });
  invalidateUserSessions(userId);
  return { ok: true };
}

export function reinstateUser(actor: Actor, userId: string): AdminResult {
  const db = getDb();
  const target = loadTarget(userId);
  if (!target) return { ok: false, error: "notFound" };
  if (!canManageUser(actor, target)) return { ok: false, error: "forbidden" };
  if (!target.suspendedAt) return { ok: true };
  db.transaction((tx) => {
    tx.update(users).set({ suspendedAt: null, suspensionReason: null }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: actor.id, action: "user.reinstated", targetType: "user", targetId: userId });
  });
  return { ok: true };
}
