import { z } from "zod";
import { optionalWhole, requiredText } from "~/utils/validation";
import { TRACKED_STATUSES } from "./kinds";

/** Council staff's update on a project: what was done, progress, money spent, the expected end; it may complete the project. */
export const ProjectUpdateSchema = z
  .object({
    body: requiredText({ max: 5000, tooLong: "errors.projects.bodyLength", multiline: true }),
    progress: optionalWhole(0, 100, "errors.projects.progress"),
    spent: optionalWhole(0, 100_000_000_000, "errors.projects.spent"),
    expectedAt: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.projects.date")
      .optional(),
    complete: z.literal("yes").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.progress === undefined) ctx.addIssue({ code: "custom", path: ["progress"], message: "errors.required" });
    if (v.complete && v.progress !== undefined && v.progress !== 100) ctx.addIssue({ code: "custom", path: ["progress"], message: "errors.projects.completeAt100" });
  });
export type ProjectUpdateInput = z.infer<typeof ProjectUpdateSchema>;

/** The tracker's filters: anything unknown falls back to "any". */
export const ProjectListQuerySchema = z.object({
  status: z.enum(TRACKED_STATUSES).optional().catch(undefined),
  district: z.coerce.number().int().positive().optional().catch(undefined),
  category: z.coerce.number().int().positive().optional().catch(undefined),
  cycle: z
    .string()
    .regex(/^[a-z0-9-]{3,60}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>;
