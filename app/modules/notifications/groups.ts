/**
 * What reaches people, by group: each person chooses, per group, e-mail at once, in a daily
 * digest, or not at all; in-app notifications always arrive. Client-safe.
 */
export const NOTIFICATION_GROUPS = ["own_ideas", "followed_ideas", "replies", "followed_comments", "reports", "projects", "announcements", "budget"] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];

export const EMAIL_CHOICES = ["instant", "digest", "off"] as const;
export type EmailChoice = (typeof EMAIL_CHOICES)[number];

/** Official responses on my own ideas at once; comments on followed ideas in a digest; the rest in-app only. */
export const DEFAULT_EMAIL: Record<NotificationGroup, EmailChoice> = {
  own_ideas: "instant",
  followed_ideas: "off",
  replies: "off",
  followed_comments: "digest",
  reports: "off",
  projects: "off",
  announcements: "off",
  budget: "off",
};

/** What a notification is about (the kinds each group holds). */
export const NOTIFICATION_KINDS = [
  "idea_answered",
  "idea_status",
  "idea_merged",
  "comment_reply",
  "idea_comments",
  "content_hidden",
  "content_restored",
  "report_outcome",
  "project_update",
  "announcement",
  "ballot_recorded",
  "voting_opened",
  "voting_closing",
  "results_published",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a notification's e-mail went: sent at once, waiting for the digest, off by choice, or impossible. */
export const EMAIL_FATES = ["instant", "digest", "off", "no_address", "always"] as const;
export type EmailFate = (typeof EMAIL_FATES)[number];

/** The bell counts up to this, then shows "99+": counting a backlog of thousands is not worth it. */
export const UNREAD_CAP = 99;
