import { z } from "zod";
import { idField, optionalText } from "~/utils/validation";
import { REPORT_REASONS, REPORT_TARGETS } from "./reasons";

export const ReportSchema = z.object({
  targetType: z.enum(REPORT_TARGETS, { error: "errors.invalidRequest" }),
  targetId: idField,
  reason: z.enum(REPORT_REASONS, { error: "errors.reportReasonRequired" }),
  note: optionalText({ max: 1000, tooLong: "errors.reportNoteTooLong", multiline: true }),
});
export type ReportInput = z.infer<typeof ReportSchema>;
