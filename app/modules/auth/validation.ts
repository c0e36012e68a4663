import { z } from "zod";
import { isReservedName } from "~/modules/users/names";
import { hasControlCharacters, optionalChoiceId } from "~/utils/validation";

// Messages are translation keys: the form shows t(message) beside the field.
export const EmailSchema = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { message: "errors.required", abort: true })
  .max(254, { message: "errors.emailTooLong", abort: true })
  .pipe(z.email("errors.emailInvalid"))
  .transform((e) => e.toLowerCase());

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const NewPasswordSchema = z
  .string({ error: "errors.required" })
  .min(PASSWORD_MIN, "errors.passwordTooShort")
  .max(PASSWORD_MAX, "errors.passwordTooLong");

export const DisplayNameSchema = z
  .string({ error: "errors.required" })
  .trim()
  .min(2, { message: "errors.displayNameTooShort", abort: true })
  .max(60, { message: "errors.displayNameTooLong", abort: true })
  // Invisible characters that let one name pass for another: direction overrides and isolates,
  // zero-width space, word joiner, byte-order mark, soft hyphen. (Zero-width joiners stay: Persian
  // names and emoji need them.)
  .refine((v) => !/[<>\u00ad\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u.test(v) && !hasControlCharacters(v), "errors.displayNameCharacters")
  .refine((v) => !isReservedName(v), "errors.displayNameReserved");

export const OptionalDistrictSchema = optionalChoiceId("errors.districtInvalid");

export const SignUpSchema = z.object({
  email: EmailSchema,
  displayName: DisplayNameSchema,
  password: NewPasswordSchema,
  homeDistrictId: OptionalDistrictSchema,
  redirectTo: z.string().optional(),
});
export type SignUp = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(PASSWORD_MAX, "errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z
  .object({
    token: z.string({ error: "errors.resetLinkInvalid" }).min(20, "errors.resetLinkInvalid").max(200, "errors.resetLinkInvalid"),
    password: NewPasswordSchema,
    confirmPassword: z.string({ error: "errors.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordsDiffer" });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "errors.required" }).min(1, "errors.required").max(PASSWORD_MAX),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ error: "errors.required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordsDiffer" });
