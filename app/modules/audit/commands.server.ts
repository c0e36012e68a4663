import type { Db } from "#db/client";
import { auditEvents } from "#db/schema";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
};

type Writer = Pick<Db, "insert">;

/** Called inside the transaction of the change it records, so neither exists without the other. */
export function recordAudit(tx: Writer, entry: AuditEntry) {
  tx.insert(auditEvents)
    .values({ ...entry, details: entry.details ?? {}, createdAt: new Date() })
    .run();
}
