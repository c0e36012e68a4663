import crypto from "node:crypto";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan, generateIdFromEntropySize, type DatabaseSession, type DatabaseUser, type Session, type User } from "lucia";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { sessions, users } from "#db/schema";
import type { Locale } from "~/modules/i18n/config";
import type { Role } from "~/modules/users/roles";
import { getEnv } from "~/utils/env.server";

/**
 * The only file that knows about lucia (upstream no longer develops v3; keep it replaceable).
 * Sessions slide: 14 days idle. They also end 30 days after sign-in whatever the activity
 * (the absolute lifetime), checked in validateSessionCookie.
 *
 * The cookie carries a random token; the database keeps only its SHA-256 as the session id
 * (lucia's successor guidance), so a leaked copy of the database holds no usable session.
 */
export const SESSION_IDLE_DAYS = 14;
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;

/** `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and for Path=/. */
export function sessionCookieName(secure = getEnv().cookieSecure) {
  return secure ? "__Host-civic_session" : "civic_session";
}

const luciaByDb = new WeakMap<Db, ReturnType<typeof createLucia>>();

/**
 * The drizzle adapter, with the one read every signed-in request makes done as a single prepared
 * join (the adapter builds two queries and prepares them on each call). Same shapes as upstream.
 */
class SessionAdapter extends DrizzleSQLiteAdapter {
  constructor(private readonly database: Db) {
    super(database, sessions, users);
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = prepared(this.database, "auth:session-and-user", () =>
      this.database.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, sql.placeholder("id"))).prepare(),
    ).get({ id: sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, ...sessionAttributes } = row.session;
    const { id: userIdentity, ...userAttributes } = row.user;
    return [
      { id, userId, expiresAt: new Date(expiresAt * 1000), attributes: sessionAttributes },
      { id: userIdentity, attributes: userAttributes },
    ];
  }
}

function createLucia(db: Db) {
  const secure = getEnv().cookieSecure;
  return new Lucia(new SessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_DAYS, "d"),
    sessionCookie: {
      name: sessionCookieName(secure),
      attributes: { secure, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
      role: attributes.role,
      locale: attributes.locale,
      homeDistrictId: attributes.homeDistrictId,
      suspendedAt: attributes.suspendedAt,
      emailVerifiedAt: attributes.emailVerifiedAt,
      silencedUntil: attributes.silencedUntil,
    }),
  });
}

function lucia(db: Db) {
  let instance = luciaByDb.get(db);
  if (!instance) {
    instance = createLucia(db);
    luciaByDb.set(db, instance);
  }
  return instance;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { createdAt: number };
    DatabaseUserAttributes: {
      email: string;
      displayName: string;
      role: Role;
      locale: Locale;
      homeDistrictId: number | null;
      // As drizzle maps the columns (timestamp mode): Dates, or null.
      suspendedAt: Date | null;
      emailVerifiedAt: Date | null;
      silencedUntil: Date | null;
    };
  }
}

export type SessionUser = User;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sessionIdOf = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A brand-new session for a user: called at every sign-in, so a pre-set cookie is worthless. */
export async function createSession(db: Db, userId: string) {
  const token = generateIdFromEntropySize(25);
  await lucia(db).createSession(userId, { createdAt: nowSeconds() }, { sessionId: sessionIdOf(token) });
  const cookie = lucia(db).createSessionCookie(token);
  // The cookie lives for the absolute lifetime; the database row slides with activity.
  cookie.attributes.maxAge = SESSION_ABSOLUTE_SECONDS;
  return cookie.serialize();
}

export function blankSessionCookie(db: Db) {
  return lucia(db).createBlankSessionCookie().serialize();
}

export type SessionState = { user: User; session: Session } | { user: null; session: null };

const ANONYMOUS: SessionState = { user: null, session: null };

export async function validateSessionCookie(db: Db, request: Request): Promise<SessionState> {
  const token = lucia(db).readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!token) return ANONYMOUS;
  const { session, user } = await lucia(db).validateSession(sessionIdOf(token));
  if (!session) return ANONYMOUS;
  if (session.createdAt + SESSION_ABSOLUTE_SECONDS < nowSeconds() || user.suspendedAt !== null) {
    await lucia(db).invalidateSession(session.id);
    return ANONYMOUS;
  }
  return { user, session };
}

export function invalidateSession(db: Db, sessionId: string) {
  return lucia(db).invalidateSession(sessionId);
}

/** Ends every session of a user, optionally keeping one; synchronous, so it can run inside a transaction. */
export function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string | null) {
  db.delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined))
    .run();
}
