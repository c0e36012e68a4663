import type { Role } from "#db/schema/users";
import { hasRole, type Actor } from "../auth/policy";

type Target = { id: string; role: Role };

/** Admins manage other accounts, never their own: nobody can lock the last door behind them. */
export function canManageUser(actor: Actor | null, target: Target) {
  return hasRole(actor, ["admin"]) && actor!.id !== target.id && !actor!.suspendedAt;
}
