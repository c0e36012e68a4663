// A mail sender in a process of its own, for the test that kills one in the middle of a batch
// (app/modules/mail/sender-restart.test.ts): the real sender and the real outbox transport, slowed
// down so that the kill lands while messages are in flight. Runs until nothing is left to send.
import { openDatabase } from "#db/client";
import { countPending } from "~/modules/mail/queries.server";
import { deliverDue } from "~/modules/mail/sender.server";
import { outboxTransport, type Transport } from "~/modules/mail/transport.server";

const db = openDatabase(process.env.DATABASE_PATH!);
const outbox = outboxTransport(process.env.OUTBOX_DIR!);
const delayMs = Number(process.env.DELIVERY_DELAY_MS ?? 0);
const slow: Transport = {
  name: "outbox",
  deliver: async (mail) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await outbox.deliver(mail);
  },
};
const leaseSeconds = Number(process.env.LEASE_SECONDS ?? 60);

while (countPending(db) > 0) {
  await deliverDue(db, { transport: slow, leaseSeconds });
  // Messages leased by a sender that died come back when their lease runs out.
  await new Promise((resolve) => setTimeout(resolve, 100));
}
process.stdout.write("done\n");
