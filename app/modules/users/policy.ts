import type { Actor } from "~/modules/commands/actor";
import type { Role } from "./roles";

type Target = { id: string; role: Role };

/** Admins manage other accounts, never their own: nobody can lock the last door behind them. */
export function canManageUser(actor: Actor | null, target: Target) {
  return !!actor && actor.role === "admin" && actor.id !== target.id;
}

/** Moderators (and admins) silence or suspend residents, never staff and never themselves. */
export function canModerateAccount(actor: Pick<Actor, "id" | "role"> | null, target: Target) {
  return !!actor && (actor.role === "moderator" || actor.role === "admin") && target.role === "resident" && actor.id !== target.id;
}
