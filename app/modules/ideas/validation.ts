import { z } from "zod";
import { idField, optionalChoiceId, optionalDecimal, optionalText, optionalWhole, requiredText } from "~/utils/validation";
import { STAFF_STATUSES } from "./lifecycle";
import { IDEA_STATUSES } from "./statuses";

export const TITLE_MAX = 120;
export const BODY_MAX = 10_000;
export const COST_MAX = 1_000_000_000;

/** The fields of an idea, as typed into the form; shared by the browser and the action. */
export const IdeaFieldsSchema = z
  .object({
    title: requiredText({ max: TITLE_MAX, tooLong: "errors.ideaTitleTooLong" }),
    body: requiredText({ max: BODY_MAX, tooLong: "errors.ideaBodyTooLong", multiline: true }),
    categoryId: optionalChoiceId(),
    districtId: optionalChoiceId(),
    latitude: optionalDecimal(-90, 90, "errors.latitudeInvalid"),
    longitude: optionalDecimal(-180, 180, "errors.longitudeInvalid"),
    estimatedCost: optionalWhole(0, COST_MAX, "errors.costInvalid"),
  })
  .superRefine((v, ctx) => {
    if ((v.latitude === undefined) !== (v.longitude === undefined)) {
      const path = v.latitude === undefined ? "latitude" : "longitude";
      ctx.addIssue({ code: "custom", path: [path], message: "errors.coordinatesPair" });
    }
  });
export type IdeaFields = z.infer<typeof IdeaFieldsSchema>;

export const IDEA_SORTS = ["trending", "newest", "top", "discussed", "answered"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

/** The list's search parameters: anything unknown or malformed falls back to the default. */
export const IdeaListQuerySchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  category: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  district: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  status: z.enum(IDEA_STATUSES).optional().catch(undefined),
  department: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  sort: z.enum(IDEA_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});
export type IdeaListQuery = z.infer<typeof IdeaListQuerySchema>;

/** The staff queue's filters: junk falls back to the default (the staff member's departments). */
export const StaffQueueQuerySchema = z.object({
  department: z.union([z.literal("all"), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)]).optional().catch(undefined),
  district: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  category: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  status: z.enum(["published", "under_review"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
export type StaffQueueQuery = z.infer<typeof StaffQueueQuerySchema>;

export const RESPONSE_MAX = 10_000;

/** An official response: a new status (optional) and the public text (required to decline). */
export const ResponseSchema = z.object({
  intent: z.literal("respond"),
  status: z.union([z.literal("").transform(() => undefined), z.enum(STAFF_STATUSES, { error: "errors.choiceInvalid" })]).optional(),
  body: optionalText({ max: RESPONSE_MAX, tooLong: "errors.responses.tooLong", multiline: true }),
});

export const ReassignSchema = z.object({
  intent: z.literal("reassign"),
  departmentId: idField,
  note: requiredText({ max: 2000, tooLong: "errors.responses.noteTooLong", multiline: true }),
});

export const TakeUpSchema = z.object({ intent: z.literal("takeUp") });

export const StaffActionSchema = z.discriminatedUnion("intent", [ResponseSchema, ReassignSchema, TakeUpSchema]);

export const MergeSchema = z.object({
  intent: z.literal("merge"),
  originalId: z.string({ error: "errors.merge.originalRequired" }).trim().regex(/^#?\d{1,15}$/, "errors.merge.originalRequired").transform((v) => Number(v.replace("#", ""))),
  note: requiredText({ max: 2000, tooLong: "errors.responses.noteTooLong", multiline: true }),
});

export const UnmergeSchema = z.object({ intent: z.literal("unmerge") });

export const MergeActionSchema = z.discriminatedUnion("intent", [MergeSchema, UnmergeSchema]);

export const SupportSchema = z.object({
  value: z.enum(["up", "down", "none"], { error: "errors.invalidRequest" }),
});

export const SimilarQuerySchema = z.object({ q: z.string().trim().max(TITLE_MAX + 200).catch("") });

export const FollowSchema = z.object({ follow: z.enum(["yes", "no"], { error: "errors.invalidRequest" }) });
