import { z } from "zod";
import { IDEA_STATUSES } from "#db/schema/ideas";

export const TITLE_MAX = 120;
export const BODY_MAX = 10_000;

const optionalId = z
  .union([z.literal("").transform(() => undefined), z.coerce.number({ error: "errors.choiceInvalid" }).int("errors.choiceInvalid").positive("errors.choiceInvalid")])
  .optional();

const optionalNumber = (min: number, max: number, message: string) =>
  z
    .union([
      z.literal("").transform(() => undefined),
      z.coerce.number({ error: message }).refine((n) => Number.isFinite(n) && n >= min && n <= max, message),
    ])
    .optional();

/** The fields of an idea, as typed into the form; shared by the browser and the action. */
export const IdeaFieldsSchema = z
  .object({
    title: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(TITLE_MAX, "errors.ideaTitleTooLong"),
    body: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(BODY_MAX, "errors.ideaBodyTooLong"),
    categoryId: optionalId,
    districtId: optionalId,
    latitude: optionalNumber(-90, 90, "errors.latitudeInvalid"),
    longitude: optionalNumber(-180, 180, "errors.longitudeInvalid"),
    estimatedCost: z
      .union([
        z.literal("").transform(() => undefined),
        z.coerce.number({ error: "errors.costInvalid" }).int("errors.costInvalid").min(0, "errors.costInvalid").max(1_000_000_000, "errors.costInvalid"),
      ])
      .optional(),
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
  category: z.coerce.number().int().positive().optional().catch(undefined),
  district: z.coerce.number().int().positive().optional().catch(undefined),
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
