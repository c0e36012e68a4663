import type { Actor } from "~/modules/commands/actor";
import type { Role } from "./roles";

type Target = { id: string; role: Role };

/** Admins manage other accounts, never their own: nobody can lock the last door behind them. */
export function canManageUser(actor: Actor | null, target: Target) {
  return !!actor && actor.role === "admin" && actor.id !== target.id;
}
