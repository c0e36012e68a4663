import type { Role } from "~/modules/users/roles";

/**
 * Who is acting: the one actor type of the app. Routes pass the signed-in user (its id and role);
 * a command re-reads the rest of the person's standing (suspended, silenced, verified, departments)
 * inside its own transaction, so a change that lands between the session check and the write
 * still counts. Client-safe.
 */
export type Actor = { id: string; role: Role };

/**
 * How far a permission reaches: the actor's own things, their department's, their district's,
 * or any. Policy functions take the scope they need from the thing and compare.
 */
export type Scope = "own" | "department" | "district" | "any";
