import { asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { mailAttempts, mailMessages, users } from "#db/schema";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Locale } from "~/modules/i18n/config";
import { countOutbox, previewMail } from "./sender.server";

export const OUTBOX_PAGE_SIZE = 20;

/**
 * The outbox for admins, newest first: each message's subject, recipient, state, attempts and why
 * it was not sent (the words are on the message's own page).
 */
export function listOutbox(db: Db, page: number, locale: Locale) {
  const rows = db
    .select()
    .from(mailMessages)
    .orderBy(desc(mailMessages.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  const userIds = rows.flatMap((r) => (r.userId ? [r.userId] : []));
  const recipients = new Map(userIds.length ? db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds)).all().map((u) => [u.id, u.email]) : []);
  const [{ total }] = db.select({ total: count() }).from(mailMessages).all();
  const redacted = getFixedT(locale)("mail.redacted");
  return {
    total,
    pageSize: OUTBOX_PAGE_SIZE,
    counts: Object.fromEntries(countOutbox(db).map((c) => [c.status, c.n])) as Partial<Record<(typeof rows)[number]["status"], number>>,
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      to: r.toAddress ?? (r.userId ? (recipients.get(r.userId) ?? null) : null),
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      skipReason: r.skipReason,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      subject: previewMail(db, r, redacted)?.subject ?? null,
    })),
  };
}

/** One message for admins: its words with every signed link redacted, and every delivery attempt. */
export function getOutboxMessage(db: Db, id: number, locale: Locale) {
  const row = db.select().from(mailMessages).where(eq(mailMessages.id, id)).get();
  if (!row) return null;
  const to = row.toAddress ?? (row.userId ? (db.select({ email: users.email }).from(users).where(eq(users.id, row.userId)).get()?.email ?? null) : null);
  const attempts = db.select({ outcome: mailAttempts.outcome, error: mailAttempts.error, at: mailAttempts.at }).from(mailAttempts).where(eq(mailAttempts.messageId, id)).orderBy(asc(mailAttempts.id)).all();
  return {
    id: row.id,
    kind: row.kind,
    to,
    status: row.status,
    skipReason: row.skipReason,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    preview: previewMail(db, row, getFixedT(locale)("mail.redacted")),
    attempts: attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
  };
}

/** How many messages wait to be sent (the benchmark watches it drain). */
export function countPending(db: Db) {
  return db.select({ n: count() }).from(mailMessages).where(eq(mailMessages.status, "pending")).get()!.n;
}
