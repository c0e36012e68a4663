import { z } from "zod";
import { REPORT_REASONS, REPORT_TARGETS } from "~/modules/reports/reasons";
import { idField, optionalText, optionalWhole, requiredText } from "~/utils/validation";
import { CASE_SORTS } from "./kinds";

export const PUBLIC_REASON_MAX = 500;
export const SILENCE_DAYS_MAX = 365;

const publicReason = requiredText({ max: PUBLIC_REASON_MAX, tooLong: "errors.moderation.reasonTooLong", tooShort: "errors.moderation.reasonRequired", multiline: true });
// Without JavaScript there is no dialog: a destructive decision asks for this box to be ticked.
const confirmed = z.literal("yes", { error: "errors.moderation.confirm" });

/** A decision on a case. Hiding and sending back for changes need a public reason and a confirmation. */
export const CaseDecisionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("hide"), caseId: idField, reason: publicReason, confirm: confirmed }),
  z.object({ action: z.literal("needs_changes"), caseId: idField, reason: publicReason, confirm: confirmed }),
  z.object({ action: z.literal("restore"), caseId: idField, reason: optionalText({ max: PUBLIC_REASON_MAX, tooLong: "errors.moderation.reasonTooLong", multiline: true }) }),
  z.object({ action: z.literal("dismiss"), caseId: idField, reason: optionalText({ max: PUBLIC_REASON_MAX, tooLong: "errors.moderation.reasonTooLong", multiline: true }) }),
]);
export type CaseDecision = z.infer<typeof CaseDecisionSchema>;

/** Silencing the author for some days, or suspending them; both with a reason and a confirmation. */
export const SanctionSchema = z.discriminatedUnion("sanction", [
  z.object({
    sanction: z.literal("silence"),
    caseId: idField,
    days: optionalWhole(1, SILENCE_DAYS_MAX, "errors.moderation.days").refine((v) => v !== undefined, "errors.moderation.days").transform((v) => v!),
    reason: publicReason,
    confirm: confirmed,
  }),
  z.object({ sanction: z.literal("suspend"), caseId: idField, reason: publicReason, confirm: confirmed }),
]);
export type SanctionInput = z.infer<typeof SanctionSchema>;

/** The author's request for another look at a decision. */
export const ReviewRequestSchema = z.object({ decisionId: idField, returnTo: z.string().max(500).optional() });

/** The queue's sort, filters and page: anything unknown falls back to the default. */
export const CaseQueueQuerySchema = z.object({
  sort: z.enum(CASE_SORTS).catch("score").default("score"),
  reason: z.enum(REPORT_REASONS).optional().catch(undefined),
  type: z.enum(REPORT_TARGETS).optional().catch(undefined),
  spam: z.literal("likely").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type CaseQueueQuery = z.infer<typeof CaseQueueQuerySchema>;
