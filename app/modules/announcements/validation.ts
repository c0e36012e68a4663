import { z } from "zod";
import { optionalChoiceId, requiredText } from "~/utils/validation";

/** An announcement: a title, a Markdown body, everyone or one district, and optionally a page of this site it points to. */
export const AnnouncementSchema = z.object({
  title: requiredText({ min: 3, max: 120, tooShort: "errors.announcements.titleLength", tooLong: "errors.announcements.titleLength" }),
  body: requiredText({ max: 5000, tooLong: "errors.announcements.bodyLength", multiline: true }),
  districtId: optionalChoiceId("errors.districtInvalid"),
  link: z
    .string()
    .trim()
    .regex(/^\/(budgets|projects)\/[A-Za-z0-9/_-]{1,100}$/, "errors.announcements.link")
    .optional(),
});
export type AnnouncementInput = z.infer<typeof AnnouncementSchema>;

export const ANNOUNCEMENTS_PAGE_SIZE = 20;
