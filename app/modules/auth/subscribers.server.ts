import { inTransaction } from "~/modules/events/subscriber";
import { invalidateUserSessions } from "./session.server";

/** A suspension or a new password ends the person's sessions in the same transaction. */
export const endSessionsSubscriber = inTransaction("auth.endSessions", ["user.suspended", "user.passwordChanged"], (tx, event) => {
  invalidateUserSessions(tx, event.userId, event.type === "user.passwordChanged" ? event.keepSessionId : null);
});
