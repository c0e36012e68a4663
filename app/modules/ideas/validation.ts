import { z } from "zod";
import { optionalChoiceId, optionalDecimal, optionalWhole, requiredText } from "~/utils/validation";
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

export const IDEA_SORTS = ["trending", "newest", "top", "discussed"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

/** The list's search parameters: anything unknown or malformed falls back to the default. */
export const IdeaListQuerySchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  category: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  district: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  status: z.enum(IDEA_STATUSES).optional().catch(undefined),
  sort: z.enum(IDEA_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});
export type IdeaListQuery = z.infer<typeof IdeaListQuerySchema>;

export const SupportSchema = z.object({
  value: z.enum(["up", "down", "none"], { error: "errors.invalidRequest" }),
});

export const SimilarQuerySchema = z.object({ q: z.string().trim().max(TITLE_MAX + 200).catch("") });

export const FollowSchema = z.object({ follow: z.enum(["yes", "no"], { error: "errors.invalidRequest" }) });
