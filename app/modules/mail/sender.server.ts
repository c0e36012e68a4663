import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { mailAttempts, mailMessages, users } from "#db/schema";
import { isLocale, type Locale } from "~/modules/i18n/config";
import { signToken } from "~/modules/links/signed-token.server";
import { notificationMailData } from "~/modules/notifications/mail-data.server";
import { emailChoiceOf } from "~/modules/notifications/preferences.server";
import type { NotificationGroup } from "~/modules/notifications/groups";
import { getEnv } from "~/utils/env.server";
import { log, redact } from "~/utils/log.server";
import type { MailKind } from "./kinds";
import { renderMail } from "./render.server";
import { getTransport, type Transport } from "./transport.server";

export const SENDER = { batch: 50, concurrency: 8, leaseSeconds: 60, maxAttempts: 8, baseDelaySeconds: 30, maxDelaySeconds: 6 * 3600 };

/** Account mails and ballot receipts go whatever the preferences; the rest follow them. */
const ALWAYS: readonly MailKind[] = ["verify_email", "existing_account", "password_reset", "ballot_receipt"];
/** Links that open an account are erased from the outbox once delivered. */
const SECRET_LINKS: readonly MailKind[] = ["verify_email", "password_reset"];

/** A stable Message-ID per outbox row: a copy delivered twice (a crash between sending and recording) is recognisable. */
export function messageIdFor(id: number) {
  return `<mail-${id}@${new URL(getEnv().APP_URL).hostname}>`;
}

/** The one-click unsubscribe link for a person and the groups a message belongs to (RFC 8058). */
export function unsubscribeUrl(userId: string, groups: NotificationGroup[]) {
  return `${getEnv().APP_URL}/unsubscribe?token=${signToken("unsubscribe", { u: userId, g: groups.join(",") }, null)}`;
}

export type MailRow = typeof mailMessages.$inferSelect;
type Row = MailRow;

/** Takes a batch of due messages for this sender, with a lease: no other sender takes them meanwhile. */
function claimBatch(db: Db, now: Date, limit: number, leaseSeconds: number): Row[] {
  return db.$client
    .transaction(() => {
      const rows = db
        .select()
        .from(mailMessages)
        .where(and(eq(mailMessages.status, "pending"), lte(mailMessages.nextAttemptAt, now), or(isNull(mailMessages.leaseUntil), lte(mailMessages.leaseUntil, now))))
        .orderBy(asc(mailMessages.nextAttemptAt), asc(mailMessages.id))
        .limit(limit)
        .all();
      const lease = new Date(now.getTime() + leaseSeconds * 1000);
      for (const row of rows) db.update(mailMessages).set({ leaseUntil: lease }).where(eq(mailMessages.id, row.id)).run();
      return rows;
    })
    .immediate();
}

function record(db: Db, row: Row, outcome: "sent" | "retry" | "failed" | "skipped", detail: { error?: string; skipReason?: string; now: Date }) {
  db.$client
    .transaction(() => {
      const attempts = outcome === "skipped" ? row.attempts : row.attempts + 1;
      if (outcome === "sent") {
        const data = SECRET_LINKS.includes(row.kind) ? { ...row.data, link: null } : row.data;
        db.update(mailMessages).set({ status: "sent", attempts, sentAt: detail.now, leaseUntil: null, lastError: null, data }).where(eq(mailMessages.id, row.id)).run();
      } else if (outcome === "skipped") {
        db.update(mailMessages).set({ status: "skipped", skipReason: detail.skipReason, leaseUntil: null }).where(eq(mailMessages.id, row.id)).run();
      } else if (outcome === "failed") {
        db.update(mailMessages).set({ status: "failed", attempts, leaseUntil: null, lastError: detail.error }).where(eq(mailMessages.id, row.id)).run();
      } else {
        const delay = Math.min(SENDER.maxDelaySeconds, SENDER.baseDelaySeconds * 2 ** (attempts - 1));
        db.update(mailMessages).set({ attempts, leaseUntil: null, lastError: detail.error, nextAttemptAt: new Date(detail.now.getTime() + delay * 1000) }).where(eq(mailMessages.id, row.id)).run();
      }
      db.insert(mailAttempts).values({ messageId: row.id, outcome: outcome === "skipped" ? `skipped: ${detail.skipReason}` : outcome, error: detail.error ?? null, at: detail.now }).run();
    })
    .immediate();
}

/** Who the message goes to, in which language, or why it cannot go. */
function recipientOf(db: Db, row: Row): { to: string; locale: Locale; userId: string | null } | { skip: string } {
  if (!row.userId) return row.toAddress ? { to: row.toAddress, locale: isLocale(row.data.locale) ? row.data.locale : "en", userId: null } : { skip: "no_address" };
  const user = prepared(db, "mail:recipient", () =>
    db
      .select({ email: users.email, locale: users.locale, suspendedAt: users.suspendedAt, deletedAt: users.deletedAt })
      .from(users)
      .where(eq(users.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: row.userId });
  if (!user || user.deletedAt) return { skip: "no_address" };
  if (user.suspendedAt && !ALWAYS.includes(row.kind)) return { skip: "suspended" };
  return { to: row.toAddress ?? user.email, locale: user.locale, userId: row.userId };
}

/** What the message says and which groups it belongs to, or why it is not sent. */
function contentOf(db: Db, row: Row, recipient: { userId: string | null; locale: Locale }): { data: Row["data"]; groups: NotificationGroup[] } | { skip: string } {
  if (row.kind === "notification") {
    if (!recipient.userId || typeof row.data.notificationId !== "number") return { skip: "gone" };
    const content = notificationMailData(db, row.data.notificationId, recipient.userId, recipient.locale);
    return "skip" in content ? content : { data: content.data, groups: [content.group] };
  }
  const groups = String(row.data.groups ?? "")
    .split(",")
    .filter(Boolean) as NotificationGroup[];
  return { data: row.data, groups };
}

async function deliverOne(db: Db, transport: Transport, row: Row, clock: () => Date) {
  const now = clock();
  const recipient = recipientOf(db, row);
  if ("skip" in recipient) return record(db, row, "skipped", { skipReason: recipient.skip, now });
  const content = contentOf(db, row, recipient);
  if ("skip" in content) return record(db, row, "skipped", { skipReason: content.skip, now });
  const always = ALWAYS.includes(row.kind);
  // A person who turned the group off after the message was queued is not sent it.
  if (!always && recipient.userId && content.groups.length && content.groups.every((g) => emailChoiceOf(db, recipient.userId!, g) === "off")) {
    return record(db, row, "skipped", { skipReason: "preference_off", now });
  }
  const unsubscribe = !always && recipient.userId && content.groups.length ? unsubscribeUrl(recipient.userId, content.groups) : null;
  let mail: ReturnType<typeof renderMail>;
  try {
    mail = renderMail(row.kind, content.data, recipient.locale, { base: getEnv().APP_URL, unsubscribe });
  } catch (error) {
    // A message that cannot be rendered will not render on a retry either: it fails alone, the batch goes on.
    log.error("mail rendering failed", { id: row.id, kind: row.kind, error });
    return record(db, row, "failed", { error: `render: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500), now });
  }
  const headers: Record<string, string> = unsubscribe ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {};
  try {
    await transport.deliver({ messageId: messageIdFor(row.id), to: recipient.to, ...mail, headers });
  } catch (error) {
    const message = String(redact(error instanceof Error ? error.message : String(error))).slice(0, 500);
    const outcome = row.attempts + 1 >= SENDER.maxAttempts ? "failed" : "retry";
    log.warn("mail delivery failed", { id: row.id, outcome, error: message });
    return record(db, row, outcome, { error: message, now: clock() });
  }
  record(db, row, "sent", { now: clock() });
}

/**
 * Delivers what is due, batch after batch, until nothing is left (or `maxBatches`). Each message's
 * outcome is committed as soon as it is known: a crash re-sends at most the messages in flight
 * (same Message-ID), never loses one.
 */
export async function deliverDue(db: Db, { transport = getTransport(), now = () => new Date(), maxBatches = Infinity, leaseSeconds = SENDER.leaseSeconds } = {}) {
  let delivered = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const rows = claimBatch(db, now(), SENDER.batch, leaseSeconds);
    if (rows.length === 0) break;
    for (let i = 0; i < rows.length; i += SENDER.concurrency) {
      await Promise.all(rows.slice(i, i + SENDER.concurrency).map((row) => deliverOne(db, transport, row, now)));
    }
    delivered += rows.length;
  }
  return delivered;
}

const state = globalThis as { civicSender?: { wake: () => void } };

/** Wakes the background sender (after a commit that queued mail). */
export function wakeSender() {
  state.civicSender?.wake();
}

/** The background sender: delivers what is due, then sleeps until woken or a few seconds pass (retries). */
export function startMailSender(db: Db) {
  if (state.civicSender) return;
  let wake: () => void = () => undefined;
  state.civicSender = { wake: () => wake() };
  void (async () => {
    for (;;) {
      try {
        await deliverDue(db);
      } catch (error) {
        log.error("mail sender failed", { error });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
}

/**
 * What a message says, for the admin outbox page, with every signed link (confirmation, reset,
 * unsubscribe) replaced: reading the outbox must not let anyone into another person's account.
 */
export function previewMail(db: Db, row: Row, redacted: string) {
  const recipient = recipientOf(db, row);
  const locale = "skip" in recipient ? "en" : recipient.locale;
  const content = contentOf(db, row, { userId: row.userId, locale });
  if ("skip" in content) return null;
  const mail = renderMail(row.kind, content.data, locale, { base: getEnv().APP_URL, unsubscribe: content.groups.length ? redacted : null, redact: true });
  return { subject: mail.subject, text: mail.text };
}

/** For the admin outbox page: how many messages are waiting, sent, failed and skipped. */
export function countOutbox(db: Db) {
  return db.select({ status: mailMessages.status, n: sql<number>`count(*)` }).from(mailMessages).groupBy(mailMessages.status).all();
}
