import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan, type Session, type User } from "lucia";
import { getDb, type Db } from "#db/client";
import { sessions, users, type Locale, type Role } from "#db/schema";
import { and, eq, ne } from "drizzle-orm";
import { getEnv } from "~/utils/env.server";

/**
 * The only file that knows about lucia (upstream no longer develops v3; keep it replaceable).
 * Sessions slide: 14 days idle. They also end 30 days after sign-in whatever the activity
 * (the absolute lifetime), checked in validateSessionCookie.
 */
export const SESSION_IDLE_DAYS = 14;
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;

const luciaByDb = new WeakMap<Db, ReturnType<typeof createLucia>>();

function createLucia(db: Db) {
  return new Lucia(new DrizzleSQLiteAdapter(db, sessions, users), {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_DAYS, "d"),
    sessionCookie: {
      name: "civic_session",
      attributes: { secure: getEnv().cookieSecure, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
      role: attributes.role,
      locale: attributes.locale,
      homeDistrictId: attributes.homeDistrictId,
      suspendedAt: attributes.suspendedAt,
    }),
  });
}

function lucia() {
  const db = getDb();
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
      // The adapter returns raw column values: seconds since the epoch, or null.
      suspendedAt: number | null;
    };
  }
}

export type SessionUser = User;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A brand-new session id for a user: called at every sign-in, so a pre-set cookie is worthless. */
export async function createSession(userId: string) {
  const session = await lucia().createSession(userId, { createdAt: nowSeconds() });
  const cookie = lucia().createSessionCookie(session.id);
  // The cookie lives for the absolute lifetime; the database row slides with activity.
  cookie.attributes.maxAge = SESSION_ABSOLUTE_SECONDS;
  return cookie.serialize();
}

export function blankSessionCookie() {
  return lucia().createBlankSessionCookie().serialize();
}

export function readSessionId(request: Request) {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

export type SessionState = { user: User; session: Session } | { user: null; session: null };

const ANONYMOUS: SessionState = { user: null, session: null };

export async function validateSessionCookie(request: Request): Promise<SessionState> {
  const sessionId = readSessionId(request);
  if (!sessionId) return ANONYMOUS;
  const { session, user } = await lucia().validateSession(sessionId);
  if (!session) return ANONYMOUS;
  if (session.createdAt + SESSION_ABSOLUTE_SECONDS < nowSeconds() || user.suspendedAt !== null) {
    await lucia().invalidateSession(session.id);
    return ANONYMOUS;
  }
  return { user, session };
}

export function invalidateSession(sessionId: string) {
  return lucia().invalidateSession(sessionId);
}

/** Ends every session of a user, optionally keeping one (the one that changed the password). */
export function invalidateUserSessions(userId: string, exceptSessionId?: string) {
  getDb()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined))
    .run();
}
