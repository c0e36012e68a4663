import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "#db/client";
import { dataExports, homeDistrictHistory, passwordResetTokens, users } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import { passwordCheckSucceeded, takePasswordCheck } from "~/modules/auth/throttle.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { erasePersonalBallotData, personalBallotData } from "~/modules/budgets/personal-data.server";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { personalCommentData } from "~/modules/comments/personal-data.server";
import { erasePersonalIdeaData, personalIdeaData } from "~/modules/ideas/personal-data.server";
import { erasePersonalNotificationData, personalNotificationData } from "~/modules/notifications/personal-data.server";
import { personalReportData } from "~/modules/reports/personal-data.server";
import { DELETED_NAME } from "./names";

/** How long a prepared export can be downloaded. */
export const EXPORT_LIFETIME_MS = 60 * 60_000;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Everything the app holds about a person, each module giving its part. */
function personalData(db: Db, userId: string) {
  const profile = db
    .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, homeDistrictId: users.homeDistrictId, locale: users.locale, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt, silencedUntil: users.silencedUntil, suspendedAt: users.suspendedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return {
    exportedAt: new Date().toISOString(),
    profile,
    homeDistricts: db.select({ districtId: homeDistrictHistory.districtId, since: homeDistrictHistory.since }).from(homeDistrictHistory).where(eq(homeDistrictHistory.userId, userId)).all(),
    ...personalIdeaData(db, userId),
    ...personalCommentData(db, userId),
    reports: personalReportData(db, userId),
    ...personalNotificationData(db, userId),
    ballots: personalBallotData(db, userId),
  };
}

/**
 * Prepares "download my data": the JSON of everything about the person, kept for an hour behind
 * a random link whose SHA-256 alone is stored. Returns the link's token.
 */
export function prepareDataExport(db: Db, actor: Actor, now = new Date()): Outcome<{ token: string; expiresAt: Date }> {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + EXPORT_LIFETIME_MS);
  const content = JSON.stringify(personalData(db, actor.id), null, 2);
  return runCommand(db, (tx) => {
    // One export at a time per person: the older ones go.
    tx.delete(dataExports).where(eq(dataExports.userId, actor.id)).run();
    tx.insert(dataExports).values({ userId: actor.id, tokenHash: hashOf(token), content, createdAt: now, expiresAt }).run();
    return done({ token, expiresAt });
  });
}

/** The person's current export, if one is ready (for the page). */
export function getCurrentExport(db: Db, userId: string, now = new Date()) {
  const row = db
    .select({ createdAt: dataExports.createdAt, expiresAt: dataExports.expiresAt })
    .from(dataExports)
    .where(and(eq(dataExports.userId, userId), gt(dataExports.expiresAt, now)))
    .orderBy(desc(dataExports.createdAt))
    .get();
  return row ? { createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() } : null;
}

/** The export behind a link, for its owner only and until it expires (baseline 31); null otherwise. */
export function readDataExport(db: Db, actor: Actor, token: string, now = new Date()) {
  const row = db.select().from(dataExports).where(eq(dataExports.tokenHash, hashOf(token))).get();
  if (!row || row.userId !== actor.id || row.expiresAt <= now) return null;
  return row.content;
}

/**
 * Deletes an account, confirmed with its password: the profile becomes "Deleted resident" with no
 * e-mail, password, district or language of its own; every session, reset link, export, follow,
 * notification and e-mail choice goes; the links to the person's ballots are cut (the ballots
 * stay, counted); ideas, comments and support stay under the anonymous name so that discussions
 * and counts do not change (baseline 32).
 */
export async function deleteAccount(db: Db, actor: Actor, password: string, now = new Date()): Promise<Outcome<null>> {
  const wait = await takePasswordCheck(actor.id);
  if (wait) return refuse("rateLimited", { fieldErrors: { password: ["errors.signInThrottled"] } });
  const user = db.select({ passwordHash: users.passwordHash, deletedAt: users.deletedAt }).from(users).where(eq(users.id, actor.id)).get();
  if (!user || user.deletedAt) return refuse("forbidden");
  if (!(await verifyPassword(user.passwordHash, password))) return refuse("invalid", { fieldErrors: { password: ["errors.currentPasswordWrong"] } });
  await passwordCheckSucceeded(actor.id);
  return runCommand(db, (tx) => {
    tx.update(users)
      .set({
        email: `deleted-${actor.id}@deleted.invalid`,
        displayName: DELETED_NAME,
        // No password opens it again: not a hash of anything.
        passwordHash: `deleted:${randomBytes(16).toString("hex")}`,
        homeDistrictId: null,
        emailVerifiedAt: null,
        silencedUntil: null,
        suspensionReason: null,
        deletedAt: now,
      })
      .where(eq(users.id, actor.id))
      .run();
    tx.delete(homeDistrictHistory).where(eq(homeDistrictHistory.userId, actor.id)).run();
    tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, actor.id)).run();
    tx.delete(dataExports).where(eq(dataExports.userId, actor.id)).run();
    erasePersonalIdeaData(tx, actor.id);
    erasePersonalNotificationData(tx, actor.id);
    erasePersonalBallotData(tx, actor.id);
    recordAudit(tx, { actorId: actor.id, action: "user.deleted", targetType: "user", targetId: actor.id });
    return done(null, [{ type: "user.deleted", userId: actor.id }]);
  });
}
