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

/** Why an idea entered the staff queue. */
export const QUEUE_REASONS = ["threshold", "monthly_top", "manual"] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

/** What the public timeline of an idea records. */
export const TIMELINE_KINDS = ["posted", "edited", "routed", "reassigned", "status_changed", "responded", "merged", "merged_in", "unmerged", "hidden", "restored"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
