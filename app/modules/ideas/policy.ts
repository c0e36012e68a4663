import type { IdeaStatus } from "#db/schema/ideas";
import type { Role } from "#db/schema/users";

type Viewer = { id: string; role: Role } | null;
type IdeaState = { authorId: string; status: IdeaStatus; hiddenAt: Date | string | null; firstResponseAt: Date | string | null };

/** Moderators and admins see hidden and withdrawn ideas (to review them); authors see their own. */
export function canSeeIdea(viewer: Viewer, idea: IdeaState) {
  if (!idea.hiddenAt && idea.status !== "withdrawn") return true;
  if (!viewer) return false;
  return viewer.id === idea.authorId || viewer.role === "moderator" || viewer.role === "admin";
}

/** The author edits until the city's first official response, and never a withdrawn or hidden idea. */
export function canEditIdea(viewer: Viewer, idea: IdeaState) {
  return !!viewer && viewer.id === idea.authorId && !idea.firstResponseAt && !idea.hiddenAt && (idea.status === "published" || idea.status === "under_review");
}

export function canWithdrawIdea(viewer: Viewer, idea: IdeaState) {
  return !!viewer && viewer.id === idea.authorId && !idea.hiddenAt && (idea.status === "published" || idea.status === "under_review");
}

/** Support and discussion are open while the idea is public and not closed by a merge or withdrawal. */
export function isIdeaOpen(idea: Pick<IdeaState, "status" | "hiddenAt">) {
  return !idea.hiddenAt && idea.status !== "withdrawn" && idea.status !== "merged";
}

/** Whether residents and visitors may list the idea: the single definition behind ideas.listed. */
export function isListed(idea: Pick<IdeaState, "status" | "hiddenAt">) {
  return !idea.hiddenAt && idea.status !== "withdrawn";
}
