import type { Db } from "#db/client";
import { deliverDue } from "~/modules/mail/sender.server";
import type { OutgoingMail, Transport } from "~/modules/mail/transport.server";

const delivered = new WeakMap<Db, OutgoingMail[]>();

/**
 * Runs the real sender over the outbox, delivering into memory instead of a folder or SMTP, and
 * returns every message delivered from this database so far (rendered, with headers).
 */
export async function deliveredMail(db: Db, { at }: { at?: Date } = {}) {
  const list = delivered.get(db) ?? [];
  delivered.set(db, list);
  const memory: Transport = { name: "outbox", deliver: async (mail) => void list.push(mail) };
  await deliverDue(db, { transport: memory, ...(at ? { now: () => at } : {}) });
  return list;
}

export async function mailsTo(db: Db, to: string) {
  return (await deliveredMail(db)).filter((m) => m.to === to);
}
