import type { Role } from "~/modules/users/roles";

type Person = { id: string; role: Role };

/**
 * Whether a person may decide a case: moderators and admins, never on their own content, and a
 * review only by someone other than the moderator who made the decision under review. Client-safe.
 */
export function canDecideCase(person: Person, found: { authorId: string }, reviewOf: { moderatorId: string | null } | null): "yes" | "notModerator" | "ownContent" | "reviewByAnother" {
  if (person.role !== "moderator" && person.role !== "admin") return "notModerator";
  if (found.authorId === person.id) return "ownContent";
  if (reviewOf && reviewOf.moderatorId === person.id) return "reviewByAnother";
  return "yes";
}
