import { z } from "zod";
import { LOCALES } from "~/modules/i18n/config";
import { STAFF_STATUSES } from "~/modules/ideas/lifecycle";
import { idField, requiredText } from "~/utils/validation";

export const TemplateSchema = z.object({
  intent: z.literal("save"),
  id: z.union([z.literal("").transform(() => undefined), idField]).optional(),
  status: z.enum(STAFF_STATUSES, { error: "errors.choiceInvalid" }),
  locale: z.enum(LOCALES, { error: "errors.choiceInvalid" }),
  title: requiredText({ max: 120, tooLong: "errors.templates.titleTooLong" }),
  body: requiredText({ max: 10_000, tooLong: "errors.responses.tooLong", multiline: true }),
});
export type TemplateInput = Omit<z.infer<typeof TemplateSchema>, "intent">;

export const DeleteTemplateSchema = z.object({ intent: z.literal("delete"), id: idField });

export const TemplateActionSchema = z.discriminatedUnion("intent", [TemplateSchema, DeleteTemplateSchema]);
