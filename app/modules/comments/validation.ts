import { z } from "zod";
import { STANCES } from "#db/schema/ideas";

export const COMMENT_MAX = 5_000;

const CommentBody = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(COMMENT_MAX, "errors.commentTooLong");

export const CommentCreateSchema = z.object({
  body: CommentBody,
  stance: z.enum(STANCES, { error: "errors.choiceInvalid" }).default("none"),
  parentId: z
    .union([z.literal("").transform(() => undefined), z.coerce.number().int().positive()])
    .optional(),
});
export type CommentCreate = z.infer<typeof CommentCreateSchema>;

export const CommentEditSchema = z.object({ body: CommentBody });

export const CommentRatingSchema = z.object({ helpful: z.enum(["yes", "no"]) });
