import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { notifications } from "#db/schema";
import { ideasForReader } from "~/modules/ideas/audience.server";
import { localDayAndHour } from "~/modules/jobs/calendar";
import { enqueueDigest } from "~/modules/mail/outbox.server";
import { wakeSender } from "~/modules/mail/sender.server";
import { getSiteSettings } from "~/modules/settings/queries.server";

/** The digest goes out from this hour, city time (and at start-up after it, to catch up). */
export const DIGEST_HOUR = 7;
const ITEMS_PER_DIGEST = 30;
const PEOPLE_PER_TRANSACTION = 100;

/**
 * Folds each person's waiting digest notifications into one e-mail for the day. At most one per
 * person and day, whatever the restarts: the outbox's unique (person, day) refuses a second, and
 * the notifications are marked in the same transaction as the mail is queued, so none is mailed
 * twice or lost; what arrives after today's digest waits for tomorrow's.
 */
export function runDailyDigest(db: Db, now = new Date()) {
  const { day, hour } = localDayAndHour(now, getSiteSettings(db).timeZone);
  if (hour < DIGEST_HOUR) return 0;
  const waiting = db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.emailFate, "digest"), isNull(notifications.digestedAt)))
    .all()
    .map((r) => r.userId);
  let queued = 0;
  for (let i = 0; i < waiting.length; i += PEOPLE_PER_TRANSACTION) {
    db.$client
      .transaction(() => {
        for (const userId of waiting.slice(i, i + PEOPLE_PER_TRANSACTION)) queued += digestFor(db, userId, day, now);
      })
      .immediate();
  }
  if (queued) wakeSender();
  return queued;
}

function digestFor(db: Db, userId: string, day: string, now: Date) {
  const rows = db
    .select({ id: notifications.id, kind: notifications.kind, group: notifications.group, ideaId: notifications.ideaId, count: notifications.count, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.emailFate, "digest"), isNull(notifications.digestedAt)))
    .orderBy(asc(notifications.updatedAt))
    .all();
  const ideas = ideasForReader(db, rows.flatMap((r) => (r.ideaId ? [r.ideaId] : [])), userId);
  // What was read in the app meanwhile, or is no longer shown, is not mailed.
  const items = rows.filter((r) => !r.readAt && (!r.ideaId || ideas.get(r.ideaId)?.visible)).slice(-ITEMS_PER_DIGEST);
  if (items.length) {
    const data = {
      items: JSON.stringify(items.map((r) => ({ kind: r.kind, ideaId: r.ideaId, ideaTitle: r.ideaId ? (ideas.get(r.ideaId)?.title ?? null) : null, count: r.count }))),
      groups: [...new Set(items.map((r) => r.group))].join(","),
    };
    // Today's digest already went: these wait for tomorrow's.
    if (!enqueueDigest(db, userId, day, data, now)) return 0;
  }
  db.update(notifications)
    .set({ digestedAt: now })
    .where(inArray(notifications.id, rows.map((r) => r.id)))
    .run();
  return items.length ? 1 : 0;
}
