import { z } from "zod";
import { idField, requiredText } from "~/utils/validation";
import { STANCES } from "./stances";

export const COMMENT_MAX = 5_000;

const CommentBody = requiredText({ max: COMMENT_MAX, tooLong: "errors.commentTooLong", multiline: true });

export const CommentCreateSchema = z.object({
  body: CommentBody,
  stance: z.enum(STANCES, { error: "errors.choiceInvalid" }).default("none"),
  parentId: z.union([z.literal("").transform(() => undefined), idField]).optional(),
});
export type CommentCreate = z.infer<typeof CommentCreateSchema>;

export const CommentEditSchema = z.object({ body: CommentBody });

export const CommentRatingSchema = z.object({ helpful: z.enum(["yes", "no"], { error: "errors.invalidRequest" }) });
