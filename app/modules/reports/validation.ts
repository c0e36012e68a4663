import { z } from "zod";
import { REPORT_REASONS, REPORT_TARGETS } from "#db/schema/ideas";

export const ReportSchema = z.object({
  targetType: z.enum(REPORT_TARGETS, { error: "errors.invalidRequest" }),
  targetId: z.coerce.number({ error: "errors.invalidRequest" }).int().positive(),
  reason: z.enum(REPORT_REASONS, { error: "errors.reportReasonRequired" }),
  note: z.string().trim().max(1000, "errors.reportNoteTooLong").optional().transform((n) => n || undefined),
});
export type ReportInput = Omit<z.infer<typeof ReportSchema>, "note"> & { note?: string };
