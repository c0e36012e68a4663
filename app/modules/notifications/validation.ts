import { z } from "zod";
import { idField } from "~/utils/validation";
import { EMAIL_CHOICES, NOTIFICATION_GROUPS, type NotificationGroup } from "./groups";

/** The notification centre's buttons: mark one read, or all. */
export const NotificationActionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("read"), id: idField }), z.object({ intent: z.literal("readAll") })]);

const choice = z.enum(EMAIL_CHOICES, { error: "errors.choiceInvalid" });

/** The preferences form: one e-mail choice per group. */
export const EmailChoicesSchema = z.object(Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [g, choice])) as Record<NotificationGroup, typeof choice>);
export type EmailChoices = z.infer<typeof EmailChoicesSchema>;

/** The unsubscribe page's form: the token from the e-mail's link. */
export const UnsubscribeSchema = z.object({ token: z.string({ error: "errors.unsubscribeInvalid" }).min(1, "errors.unsubscribeInvalid").max(2000, "errors.unsubscribeInvalid") });
