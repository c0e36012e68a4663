import { z } from "zod";

// Messages are translation keys: the form shows t(message) beside the field.
export const EmailSchema = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.emailTooLong")
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
  .min(2, "errors.displayNameTooShort")
  .max(60, "errors.displayNameTooLong")
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  .regex(/^[^\u0000-\u001f\u007f<>]+$/, "errors.displayNameCharacters");

export const OptionalDistrictSchema = z.coerce
  .number()
  .int()
  .positive()
  .optional()
  .or(z.literal("").transform(() => undefined));

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
