import type { Db, Tx } from "#db/client";
import type { DomainEvent } from "~/modules/events/catalogue";
import { subscribersFor } from "~/modules/events/subscribers.server";
import { log } from "~/utils/log.server";
import type { CoreOutcome, Outcome, Refusal } from "./outcome";

class Rollback extends Error {
  constructor(readonly refusal: Refusal) {
    super("rollback");
  }
}

/**
 * Runs a command's synchronous core in one immediate transaction (BEGIN IMMEDIATE: the write lock
 * is taken first, so a check-then-write cannot race another process), then:
 * 1. hands its events to the in-transaction subscribers, which write what must commit with the
 *    change or not at all (timeline rows, notifications, outbox rows), and may cause more events;
 * 2. commits, or rolls everything back on a refusal or a throw;
 * 3. hands the events to the after-commit subscribers (cache invalidation, waking the sender).
 *    One of them failing is logged and never undoes the commit.
 * A core may call other cores: they share the transaction, and their events are concatenated.
 */
export function runCommand<T>(db: Db, core: (tx: Tx) => CoreOutcome<T>): Outcome<T> {
  let value: T | undefined;
  let events: DomainEvent[] = [];
  try {
    db.$client
      .transaction(() => {
        const outcome = core(db as Tx);
        if (!outcome.ok) throw new Rollback(outcome);
        value = outcome.value;
        events = [...outcome.events];
        // An in-transaction subscriber may cause further events (an idea entering the queue when
        // a vote passes the threshold): they are handled in turn, in the same transaction.
        for (let i = 0; i < events.length; i++) {
          for (const subscriber of subscribersFor("inTransaction", events[i].type)) {
            const caused = subscriber.handle(db as Tx, events[i]);
            if (caused) events.push(...caused);
          }
        }
      })
      .immediate();
  } catch (error) {
    if (error instanceof Rollback) return error.refusal;
    throw error;
  }
  for (const event of events) {
    for (const subscriber of subscribersFor("afterCommit", event.type)) {
      try {
        subscriber.handle(db, event);
      } catch (error) {
        log.error("after-commit subscriber failed", { subscriber: subscriber.name, event: event.type, error });
      }
    }
  }
  return { ok: true, value: value as T };
}
