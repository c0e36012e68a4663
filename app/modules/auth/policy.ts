import type { Role } from "#db/schema";

/** Staff areas by URL prefix and the roles that may enter them. Admins may enter all. */
export const STAFF_AREAS = {
  admin: ["admin"],
  moderation: ["moderator", "admin"],
  council: ["council", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type StaffArea = keyof typeof STAFF_AREAS;

export type Actor = { id: string; role: Role; suspendedAt: number | Date | null };

export function hasRole(actor: Pick<Actor, "role"> | null | undefined, roles: readonly Role[]) {
  return !!actor && (roles as readonly string[]).includes(actor.role);
}

export function canEnterStaffArea(actor: Pick<Actor, "role"> | null | undefined, area: StaffArea) {
  return hasRole(actor, STAFF_AREAS[area]);
}

/** Staff badges are shown next to names so residents know an answer is official. */
export function isStaff(role: Role) {
  return role !== "resident";
}
