import type { Actor } from "~/modules/commands/actor";
import { ROLES, type Role } from "~/modules/users/roles";

/**
 * Who a page or action is for. Every route declares its audience in `handle.audience` and checks
 * it with `requireAudience`; the generated access test reads the same declaration, so a new
 * route is covered the moment it exists, whatever its URL.
 */
export const AUDIENCES = {
  public: null,
  signedIn: ROLES,
  staff: ["moderator", "council", "admin"],
  moderation: ["moderator", "admin"],
  council: ["council", "admin"],
  admin: ["admin"],
} as const satisfies Record<string, readonly Role[] | null>;

export type Audience = keyof typeof AUDIENCES;

export function hasRole(actor: Pick<Actor, "role"> | null | undefined, roles: readonly Role[]) {
  return !!actor && (roles as readonly string[]).includes(actor.role);
}

export function isInAudience(actor: Pick<Actor, "role"> | null | undefined, audience: Audience) {
  const roles = AUDIENCES[audience];
  return roles === null || hasRole(actor, roles);
}

/** Staff badges are shown next to names so residents know an answer is official. */
export function isStaff(role: Role) {
  return role !== "resident";
}
