import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { STAFF_AREAS, hasRole, type StaffArea } from "./policy";
import { validateSessionCookie, type SessionState } from "./session.server";

const stateByRequest = new WeakMap<Request, Promise<SessionState>>();

/** Who is making this request; validated once per request object. */
export function getSessionState(request: Request) {
  let state = stateByRequest.get(request);
  if (!state) {
    state = validateSessionCookie(request);
    stateByRequest.set(request, state);
  }
  return state;
}

export async function getOptionalUser(request: Request) {
  return (await getSessionState(request)).user;
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** A signed-in, not suspended user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request) {
  const state = await getSessionState(request);
  if (!state.user) throw signInRedirect(request);
  return state as Extract<SessionState, { user: object }>;
}

export function forbidden() {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export async function requireRole(request: Request, roles: readonly Role[]) {
  const state = await requireUser(request);
  if (!hasRole(state.user, roles)) throw forbidden();
  return state;
}

export function requireStaffArea(request: Request, area: StaffArea) {
  return requireRole(request, STAFF_AREAS[area]);
}
