import { z } from "zod";
import { idField, optionalChoiceId, requiredText } from "~/utils/validation";

export const DepartmentSchema = z.object({
  intent: z.literal("createDepartment"),
  nameEn: requiredText({ min: 2, tooShort: "errors.departments.nameTooShort", max: 80, tooLong: "errors.departments.nameTooLong" }),
  nameFr: requiredText({ min: 2, tooShort: "errors.departments.nameTooShort", max: 80, tooLong: "errors.departments.nameTooLong" }),
});

export const RoutingRuleSchema = z.object({
  intent: z.literal("setRule"),
  categoryId: optionalChoiceId(),
  districtId: optionalChoiceId(),
  departmentId: idField,
});

export const DeleteRuleSchema = z.object({ intent: z.literal("deleteRule"), ruleId: idField });

export const MembershipSchema = z.object({
  intent: z.literal("setMembers"),
  userId: z.string().min(1).max(64),
  departmentIds: z.array(idField).max(50).default([]),
});

export const DepartmentActionSchema = z.discriminatedUnion("intent", [DepartmentSchema, RoutingRuleSchema, DeleteRuleSchema, MembershipSchema]);
