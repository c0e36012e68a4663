import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { users } from "#db/schema";
import { refuse, type Refusal } from "~/modules/commands/outcome";
import type { Role } from "./roles";

export type Standing = {
  id: string;
  role: Role;
  suspended: boolean;
  verified: boolean;
  silencedUntil: Date | null;
  createdAt: Date;
  homeDistrictId: number | null;
};

const standingStatement = (db: Db) =>
  prepared(db, "users:standing", () =>
    db
      .select({
        id: users.id,
        role: users.role,
        suspendedAt: users.suspendedAt,
        silencedUntil: users.silencedUntil,
        emailVerifiedAt: users.emailVerifiedAt,
        createdAt: users.createdAt,
        homeDistrictId: users.homeDistrictId,
      })
      .from(users)
      .where(eq(users.id, sql.placeholder("id")))
      .prepare(),
  );

/**
 * A person's standing, read inside the write's transaction: a suspension, a role change or a
 * confirmed address that lands between the session check and the write still counts.
 */
export function loadStanding(db: Db, userId: string): Standing | null {
  const row = standingStatement(db).get({ id: userId });
  if (!row) return null;
  return { id: row.id, role: row.role, suspended: !!row.suspendedAt, verified: !!row.emailVerifiedAt, silencedUntil: row.silencedUntil, createdAt: row.createdAt, homeDistrictId: row.homeDistrictId };
}

/**
 * Whether the person may take part in the forum (post, comment, support, rate, report, vote):
 * the account exists, is neither suspended nor silenced, and its e-mail address is confirmed.
 * Returns the refusal, or the standing when they may.
 */
export function checkParticipant(db: Db, userId: string, now = new Date()): Refusal | Standing {
  const standing = loadStanding(db, userId);
  if (!standing) return refuse("forbidden");
  if (standing.suspended) return refuse("suspended");
  if (standing.silencedUntil && standing.silencedUntil > now) {
    return refuse("silenced", { message: "errors.refused.silencedFor", params: { seconds: Math.ceil((standing.silencedUntil.getTime() - now.getTime()) / 1000) } });
  }
  if (!standing.verified) return refuse("unverified");
  return standing;
}

/** Whether the account may manage itself (profile, language, its own content's removal): exists and not suspended. */
export function checkActive(db: Db, userId: string): Refusal | Standing {
  const standing = loadStanding(db, userId);
  if (!standing) return refuse("forbidden");
  if (standing.suspended) return refuse("suspended");
  return standing;
}

export const isRefusal = (value: Refusal | Standing): value is Refusal => "ok" in value && value.ok === false;

/** SQL: the person may be told things (not suspended, not deleted); for set-based notification fan-out. */
export function reachableUserCondition(userId: SQL) {
  return sql`exists (select 1 from ${users} where ${users.id} = ${userId} and ${users.suspendedAt} is null and ${users.deletedAt} is null)`;
}
