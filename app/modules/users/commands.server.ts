import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { users } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, invalid, refuse, type CoreOutcome, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import type { Locale } from "~/modules/i18n/config";
import { districtExists } from "~/modules/places/queries.server";
import { canManageUser, canModerateAccount } from "./policy";
import type { Role } from "./roles";
import { checkActive, isRefusal } from "./standing.server";
import type { ProfileUpdate } from "./validation";

/** A person changes their own public name and home district. */
export function updateProfile(db: Db, actor: Actor, input: ProfileUpdate): Outcome<null> {
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (input.homeDistrictId !== undefined && !districtExists(tx, input.homeDistrictId)) return invalid({ homeDistrictId: ["errors.districtInvalid"] });
    tx.update(users)
      .set({ displayName: input.displayName, homeDistrictId: input.homeDistrictId ?? null })
      .where(eq(users.id, actor.id))
      .run();
    return done(null, [{ type: "user.changed", userId: actor.id, actorId: actor.id }]);
  });
}

/** The language of a person's e-mails, remembered when they switch the site's language. */
export function setPreferredLocale(db: Db, actor: Actor, locale: Locale): Outcome<null> {
  return runCommand(db, (tx) => {
    tx.update(users).set({ locale }).where(eq(users.id, actor.id)).run();
    return done(null);
  });
}

function loadTarget(tx: Tx, userId: string) {
  return tx.select({ id: users.id, role: users.role, suspendedAt: users.suspendedAt }).from(users).where(eq(users.id, userId)).get();
}

/** Checks the acting admin and reads the target inside the transaction that changes it. */
function adminCore(tx: Tx, actor: Actor, userId: string) {
  const standing = checkActive(tx, actor.id);
  if (isRefusal(standing)) return standing;
  const target = loadTarget(tx, userId);
  if (!target) return refuse("notFound", { message: "errors.notFound" });
  if (!canManageUser(standing, target)) return refuse("forbidden", { message: "errors.forbidden" });
  return target;
}

export function changeRole(db: Db, actor: Actor, userId: string, role: Role): Outcome<null> {
  return runCommand(db, (tx) => {
    const target = adminCore(tx, actor, userId);
    if ("ok" in target) return target;
    if (target.role === role) return done(null);
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: actor.id, action: "user.role_changed", targetType: "user", targetId: userId, details: { from: target.role, to: role } });
    return done(null, [{ type: "user.changed", userId, actorId: actor.id }]);
  });
}

/** Suspension ends every session of the person in the same transaction (an auth subscriber). */
export function suspendUser(db: Db, actor: Actor, userId: string, reason: string): Outcome<null> {
  return runCommand(db, (tx) => {
    const target = adminCore(tx, actor, userId);
    if ("ok" in target) return target;
    if (target.suspendedAt) return done(null);
    tx.update(users).set({ suspendedAt: new Date(), suspensionReason: reason }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: actor.id, action: "user.suspended", targetType: "user", targetId: userId, details: { reason } });
    return done(null, [{ type: "user.suspended", userId, actorId: actor.id }]);
  });
}

export function reinstateUser(db: Db, actor: Actor, userId: string): Outcome<null> {
  return runCommand(db, (tx) => {
    const target = adminCore(tx, actor, userId);
    if ("ok" in target) return target;
    if (!target.suspendedAt) return done(null);
    tx.update(users).set({ suspendedAt: null, suspensionReason: null }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: actor.id, action: "user.reinstated", targetType: "user", targetId: userId });
    return done(null, [{ type: "user.changed", userId, actorId: actor.id }]);
  });
}

/**
 * A moderator's sanctions on a resident's account, inside the moderation command's transaction:
 * silence until a date (read-only; null lifts it) or suspend. Audited; suspension ends sessions.
 */
export function sanctionResidentCore(tx: Tx, actor: Actor, userId: string, sanction: { silenceUntil: Date | null } | { suspend: string }): CoreOutcome<null> {
  const standing = checkActive(tx, actor.id);
  if (isRefusal(standing)) return standing;
  const target = loadTarget(tx, userId);
  if (!target) return refuse("notFound");
  if (!canModerateAccount(standing, target)) return refuse("forbidden", { message: "errors.moderation.notThisAccount" });
  if ("suspend" in sanction) {
    if (target.suspendedAt) return done(null);
    tx.update(users).set({ suspendedAt: new Date(), suspensionReason: sanction.suspend }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorId: actor.id, action: "user.suspended", targetType: "user", targetId: userId, details: { reason: sanction.suspend } });
    return done(null, [{ type: "user.suspended", userId, actorId: actor.id }]);
  }
  tx.update(users).set({ silencedUntil: sanction.silenceUntil }).where(eq(users.id, userId)).run();
  recordAudit(tx, { actorId: actor.id, action: sanction.silenceUntil ? "user.silenced" : "user.unsilenced", targetType: "user", targetId: userId, details: { until: sanction.silenceUntil?.toISOString() ?? null } });
  return done(null, [{ type: "user.changed", userId, actorId: actor.id }]);
}
