import { redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { AUDIENCES, hasRole, type Audience } from "./policy";
import { validateSessionCookie, type SessionState } from "./session.server";

const stateByRequest = new WeakMap<Request, Promise<SessionState>>();

/** Who is making this request; validated once per request object. */
export function getSessionState(request: Request, db: Db) {
  let state = stateByRequest.get(request);
  if (!state) {
    state = validateSessionCookie(db, request);
    stateByRequest.set(request, state);
  }
  return state;
}

export async function getOptionalUser(request: Request, db: Db) {
  return (await getSessionState(request, db)).user;
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname.replace(/\.data$/, "") + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** A signed-in, not suspended user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request, db: Db) {
  const state = await getSessionState(request, db);
  if (!state.user) throw signInRedirect(request);
  return state as Extract<SessionState, { user: object }>;
}

/** Thrown for a signed-in person outside a page's audience; the root error page explains it. */
export function forbidden() {
  return new Response("errors.page.forbidden.body", { status: 403, statusText: "Forbidden" });
}

/**
 * Checks the route's declared audience: public passes everyone; the others need a signed-in user
 * (visitors are sent to sign in) of the right role (others get the 403 page).
 */
export async function requireAudience(request: Request, db: Db, audience: Exclude<Audience, "public">) {
  const state = await requireUser(request, db);
  if (!hasRole(state.user, AUDIENCES[audience])) throw forbidden();
  return state;
}
