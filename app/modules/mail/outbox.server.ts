import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { mailMessages } from "#db/schema";
import type { MailKind } from "./kinds";

type MailJob = { userId?: string | null; toAddress?: string | null; kind: MailKind; data: Record<string, string | number | null> };

/**
 * The prepared insert of one outbox row (placeholders: userId, toAddress, kind, data as JSON text,
 * now in seconds), for callers that queue many at once (the notifications fan-out).
 */
export function enqueueMailStatement(db: Db) {
  return prepared(db, "mail:enqueue", () =>
    db
      .insert(mailMessages)
      .values({
        userId: sql.placeholder("userId"),
        toAddress: sql`${sql.placeholder("toAddress")}`,
        kind: sql.placeholder("kind"),
        data: sql`${sql.placeholder("data")}`,
        status: "pending",
        nextAttemptAt: sql`${sql.placeholder("now")}`,
        createdAt: sql`${sql.placeholder("now")}`,
      })
      .prepare(),
  ) as { run: (params: { userId: string | null; toAddress: string | null; kind: MailKind; data: string; now: number }) => unknown };
}

/**
 * Queues one e-mail in the outbox. Called inside the transaction of the change that causes it,
 * so the mail exists if and only if the change does; the sender delivers it after the commit.
 */
export function enqueueMail(db: Db, job: MailJob, now = new Date()) {
  enqueueMailStatement(db).run({ userId: job.userId ?? null, toAddress: job.toAddress ?? null, kind: job.kind, data: JSON.stringify(job.data), now: Math.floor(now.getTime() / 1000) });
}

/** Queues a person's digest for a day, unless one is already queued for that day: true when queued. */
export function enqueueDigest(db: Db, userId: string, day: string, data: Record<string, string>, now = new Date()) {
  return (
    db
      .insert(mailMessages)
      .values({ userId, kind: "digest", data, status: "pending", nextAttemptAt: now, createdAt: now, digestDay: day })
      // The only unique rule an insert can break here is one digest per person and day.
      .onConflictDoNothing()
      .returning({ id: mailMessages.id })
      .all().length === 1
  );
}
