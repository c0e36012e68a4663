import { count, desc } from "drizzle-orm";
import type { Db } from "#db/client";
import { outboxMessages } from "#db/schema";

export const OUTBOX_PAGE_SIZE = 20;

export function listOutbox(db: Db, page: number) {
  const rows = db
    .select()
    .from(outboxMessages)
    .orderBy(desc(outboxMessages.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  const [{ total }] = db.select({ total: count() }).from(outboxMessages).all();
  return { rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total, pageSize: OUTBOX_PAGE_SIZE };
}
