import type { Actor } from "~/modules/commands/actor";
import type { IdeaStatus } from "./statuses";

type Viewer = Actor | null;
type IdeaState = { authorId: string; status: IdeaStatus; hiddenAt: Date | string | null; firstResponseAt: Date | string | null };

/** Moderators and admins see hidden and withdrawn ideas (to review them); authors see their own. */
export function canSeeIdea(viewer: Viewer, idea: Pick<IdeaState, "authorId" | "status" | "hiddenAt">) {
  if (!idea.hiddenAt && idea.status !== "withdrawn") return true;
  if (!viewer) return false;
  return viewer.id === idea.authorId || viewer.role === "moderator" || viewer.role === "admin";
}

/** The author edits until the city's first official response, and never a withdrawn or hidden idea. */
export function canEditIdea(viewer: Viewer, idea: IdeaState) {
  return !!viewer && viewer.id === idea.authorId && !idea.firstResponseAt && !idea.hiddenAt && (idea.status === "published" || idea.status === "under_review");
}

/** Why the author can no longer edit, when they cannot: shown beside the idea to its author. */
export function editLockReason(viewer: Viewer, idea: IdeaState): "answered" | "closed" | null {
  if (!viewer || viewer.id !== idea.authorId || canEditIdea(viewer, idea)) return null;
  return idea.firstResponseAt ? "answered" : "closed";
}

export function canWithdrawIdea(viewer: Viewer, idea: IdeaState) {
  return !!viewer && viewer.id === idea.authorId && !idea.hiddenAt && (idea.status === "published" || idea.status === "under_review");
}

/** Support and discussion are open while the idea is public and not closed by a merge or withdrawal. */
export function isIdeaOpen(idea: Pick<IdeaState, "status" | "hiddenAt">) {
  return !idea.hiddenAt && idea.status !== "withdrawn" && idea.status !== "merged";
}

/**
 * Whether residents and visitors find the idea in lists, search and suggestions: the single
 * definition behind ideas.listed, applied by the one writer of status and visibility
 * (app/modules/ideas/state.server.ts). A merged duplicate stays readable at its address but is
 * listed no more: its original is.
 */
export function isListed(idea: Pick<IdeaState, "status" | "hiddenAt">) {
  return !idea.hiddenAt && idea.status !== "withdrawn" && idea.status !== "merged";
}
