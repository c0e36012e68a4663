import type { Actor } from "~/modules/commands/actor";
import type { IdeaStatus } from "./statuses";

type Viewer = Actor | null;
type IdeaState = { authorId: string; status: IdeaStatus; hiddenAt: Date | string | null; hiddenKind?: string | null; firstResponseAt: Date | string | null };

/** Moderators and admins see hidden and withdrawn ideas (to review them); authors see their own. */
export function canSeeIdea(viewer: Viewer, idea: Pick<IdeaState, "authorId" | "status" | "hiddenAt">) {
  if (!idea.hiddenAt && idea.status !== "withdrawn") return true;
  if (!viewer) return false;
  return viewer.id === idea.authorId || viewer.role === "moderator" || viewer.role === "admin";
}

/**
 * The author edits until the city's first official response, and never a withdrawn or hidden
 * idea, except one a moderator sent back for changes (the edit goes back to the moderators).
 */
export function canEditIdea(viewer: Viewer, idea: Pick<IdeaState, "authorId" | "firstResponseAt" | "hiddenAt" | "hiddenKind" | "status">) {
  const hiddenForGood = !!idea.hiddenAt && idea.hiddenKind !== "needs_changes";
  return !!viewer && viewer.id === idea.authorId && !idea.firstResponseAt && !hiddenForGood && (idea.status === "published" || idea.status === "under_review");
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

/** A staff member's reach: their role and the departments they belong to. */
export type StaffScope = { id: string; role: Actor["role"]; departmentIds: number[] };

/**
 * Who answers for the city (department scope): admins on any idea; council members on ideas of
 * their departments, on ideas no rule routed anywhere, and on any idea while they belong to no
 * department (a small city with one team). Moderators never (security baseline 11).
 */
export function canAnswerIdea(staff: StaffScope | null, idea: { departmentId: number | null }) {
  if (!staff) return false;
  if (staff.role === "admin") return true;
  if (staff.role !== "council") return false;
  return staff.departmentIds.length === 0 || idea.departmentId === null || staff.departmentIds.includes(idea.departmentId);
}

/** The department a response is signed with: the idea's, if the responder belongs to it, else the responder's first. */
export function responderDepartment(staff: StaffScope, idea: { departmentId: number | null }) {
  if (idea.departmentId !== null && staff.departmentIds.includes(idea.departmentId)) return idea.departmentId;
  return staff.departmentIds[0] ?? null;
}

/** Moderators, council staff and admins mark duplicates and merge them (not an official response). */
export function canMergeIdeas(actor: Actor | null) {
  return !!actor && (actor.role === "moderator" || actor.role === "council" || actor.role === "admin");
}
