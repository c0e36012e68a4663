import { alias } from "drizzle-orm/sqlite-core";
import { count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, users } from "#db/schema";

export const AUDIT_PAGE_SIZE = 50;

const actor = alias(users, "actor");

export function listAuditEvents(db: Db, page: number) {
  const rows = db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      createdAt: auditEvents.createdAt,
      actorName: actor.displayName,
      // The target's display name when the target is a user: admins read names, not ids.
      targetName: sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${auditEvents.targetId} and ${auditEvents.targetType} = 'user')`,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const [{ total }] = db.select({ total: count() }).from(auditEvents).all();
  return { rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total, pageSize: AUDIT_PAGE_SIZE };
}
