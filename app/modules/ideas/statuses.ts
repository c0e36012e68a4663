/** An idea's lifecycle statuses (see app/modules/ideas/lifecycle.ts). Client-safe. */
export const IDEA_STATUSES = [
  "published",
  "under_review",
  "accepted",
  "in_progress",
  "completed",
  "shortlisted",
  "funded",
  "not_funded",
  "declined",
  "merged",
  "withdrawn",
] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
