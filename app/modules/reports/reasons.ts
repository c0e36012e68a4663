/** Why a resident reports content, and what can be reported. Client-safe. */
export const REPORT_REASONS = ["spam", "offensive", "off_topic", "duplicate", "personal_information", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_TARGETS = ["idea", "comment"] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];
