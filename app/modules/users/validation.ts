import { z } from "zod";
import { PageQuerySchema } from "~/utils/page-query";
import { requiredText } from "~/utils/validation";
import { ROLES } from "./roles";
import { DisplayNameSchema, OptionalDistrictSchema } from "../auth/validation";

export const ProfileUpdateSchema = z.object({
  displayName: DisplayNameSchema,
  homeDistrictId: OptionalDistrictSchema,
});
export type ProfileUpdate = z.infer<typeof ProfileUpdateSchema>;

export const RoleChangeSchema = z.object({
  intent: z.literal("changeRole"),
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES, { error: "errors.roleInvalid" }),
});

export const SuspendSchema = z.object({
  intent: z.literal("suspend"),
  userId: z.string().min(1).max(64),
  reason: requiredText({ min: 3, tooShort: "errors.reasonRequired", max: 500, tooLong: "errors.reasonTooLong" }),
});

export const ReinstateSchema = z.object({
  intent: z.literal("reinstate"),
  userId: z.string().min(1).max(64),
});

export const AdminUserActionSchema = z.discriminatedUnion("intent", [RoleChangeSchema, SuspendSchema, ReinstateSchema]);

export const UserListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).catch(""),
});
