/** The e-mails the site sends. Account mails and ballot receipts always go; the others follow preferences. Client-safe. */
export const MAIL_KINDS = ["verify_email", "existing_account", "password_reset", "notification", "digest", "ballot_receipt"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** pending: to deliver; sent; failed: gave up after the retries; skipped: not sent, with the reason. */
export const MAIL_STATUSES = ["pending", "sent", "failed", "skipped"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
