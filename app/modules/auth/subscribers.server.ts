import { inTransaction } from "~/modules/events/subscriber";
import { invalidateUserSessions } from "./session.server";

/** A suspension, a new password or a deleted account ends the person's sessions in the same transaction. */
export const endSessionsSubscriber = inTransaction("auth.endSessions", ["user.suspended", "user.passwordChanged", "user.deleted"], (tx, event) => {
  invalidateUserSessions(tx, event.userId, event.type === "user.passwordChanged" ? event.keepSessionId : null);
});
