import type { Db, Tx } from "#db/client";
import type { DomainEvent, DomainEventType, EventOf } from "./catalogue";

/**
 * A reaction to domain events, in one of two phases:
 * - "inTransaction": synchronous, inside the command's transaction; writes what must commit with
 *   the change or not at all. Nothing slow here (no network, no rendering).
 * - "afterCommit": after the commit; for what may be lost or redone (caches, waking a sender).
 */
export type Subscriber = {
  name: string;
  phase: "inTransaction" | "afterCommit";
  on: readonly DomainEventType[];
  /** An in-transaction subscriber may return the events its own writes caused. */
  handle: (db: Tx | Db, event: DomainEvent) => DomainEvent[] | void;
};

export function inTransaction<T extends DomainEventType>(name: string, on: readonly T[], handle: (tx: Tx, event: EventOf<T>) => DomainEvent[] | void): Subscriber {
  return { name, phase: "inTransaction", on, handle: (db, event) => handle(db as Tx, event as EventOf<T>) };
}

export function afterCommit<T extends DomainEventType>(name: string, on: readonly T[], handle: (db: Db, event: EventOf<T>) => void): Subscriber {
  return { name, phase: "afterCommit", on, handle: (db, event) => handle(db as Db, event as EventOf<T>) };
}
