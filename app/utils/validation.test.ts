import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ChangePasswordSchema, ForgotPasswordSchema, ResetPasswordSchema, SignInSchema, SignUpSchema } from "~/modules/auth/validation";
import { CommentCreateSchema, CommentEditSchema } from "~/modules/comments/validation";
import en from "~/modules/i18n/locales/en";
import fr from "~/modules/i18n/locales/fr";
import { IdeaFieldsSchema } from "~/modules/ideas/validation";
import { ReportSchema } from "~/modules/reports/validation";
import { CitySettingsFormSchema } from "~/modules/settings/definitions";
import { ProfileUpdateSchema, SuspendSchema } from "~/modules/users/validation";

const lookup = (messages: object, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

/** Every form schema with a valid input and the text fields a person types. */
const FORMS: { name: string; schema: z.ZodType; valid: Record<string, string>; texts: string[] }[] = [
  { name: "idea", schema: IdeaFieldsSchema, valid: { title: "More benches", body: "On the square." }, texts: ["title", "body"] },
  { name: "comment", schema: CommentCreateSchema, valid: { body: "I agree", stance: "for" }, texts: ["body"] },
  { name: "comment edit", schema: CommentEditSchema, valid: { body: "I agree" }, texts: ["body"] },
  { name: "report", schema: ReportSchema, valid: { targetType: "idea", targetId: "3", reason: "spam", note: "An advert" }, texts: ["note"] },
  { name: "sign-up", schema: SignUpSchema, valid: { email: "a@example.org", displayName: "Ana", password: "a long password" }, texts: ["displayName"] },
  { name: "profile", schema: ProfileUpdateSchema, valid: { displayName: "Ana" }, texts: ["displayName"] },
  { name: "suspension", schema: SuspendSchema, valid: { intent: "suspend", userId: "u1", reason: "Spam run" }, texts: ["reason"] },
];

const ATTACKS = {
  nul: "\u0000Hello",
  bell: "Hi\u0007there",
  rightToLeftOverride: "admin\u202Etxt.exe",
  isolate: "\u2066Bob\u2069",
  c1: "Hello\u0085",
};

describe("text inputs (issue 7 item 7)", () => {
  for (const form of FORMS) {
    it(`${form.name}: the valid input passes`, () => {
      expect(form.schema.safeParse(form.valid).success).toBe(true);
    });
    for (const field of form.texts) {
      it(`${form.name}.${field}: control characters and direction overrides are refused with a clear message`, () => {
        for (const [attack, value] of Object.entries(ATTACKS)) {
          const result = form.schema.safeParse({ ...form.valid, [field]: value });
          expect(result.success, `${attack} in ${field}`).toBe(false);
          const messages = result.error!.issues.filter((i) => i.path[0] === field).map((i) => i.message);
          expect(messages.length, attack).toBe(1);
          expect(messages[0]).toMatch(/^errors\.(controlCharacters|controlCharactersText|displayNameCharacters)$/);
        }
      });
    }
  }

  it("keeps line breaks and tabs in long texts", () => {
    expect(IdeaFieldsSchema.safeParse({ title: "T", body: "Line one\r\nLine two\tindented" }).success).toBe(true);
  });
});

describe("numbers as people type them", () => {
  it("accepts a decimal comma in coordinates and grouped thousands in costs", () => {
    const parsed = IdeaFieldsSchema.parse({ title: "T", body: "B", latitude: "48,8566", longitude: " 2,3522 ", estimatedCost: "12 000" });
    expect(parsed).toMatchObject({ latitude: 48.8566, longitude: 2.3522, estimatedCost: 12000 });
    expect(IdeaFieldsSchema.parse({ title: "T", body: "B", estimatedCost: "1,250,000" }).estimatedCost).toBe(1_250_000);
    expect(IdeaFieldsSchema.parse({ title: "T", body: "B", estimatedCost: "1.250.000" }).estimatedCost).toBe(1_250_000);
  });

  it("refuses the rest with one specific message per field", () => {
    for (const [field, value, message] of [
      ["estimatedCost", "12,5", "errors.costInvalid"],
      ["estimatedCost", "-3", "errors.costInvalid"],
      ["estimatedCost", "2000000000", "errors.costInvalid"],
      ["estimatedCost", "1e309", "errors.costInvalid"],
      ["latitude", "91", "errors.latitudeInvalid"],
      ["latitude", "48,85,3", "errors.latitudeInvalid"],
      ["categoryId", "1 OR 1=1", "errors.choiceInvalid"],
    ] as const) {
      const extra = field === "latitude" ? { longitude: "2" } : {};
      const result = IdeaFieldsSchema.safeParse({ title: "T", body: "B", ...extra, [field]: value });
      expect(result.error?.issues.filter((i) => i.path[0] === field).map((i) => i.message), `${field}=${value}`).toEqual([message]);
    }
  });
});

describe("every validation message is translated (issue 7)", () => {
  const SCHEMAS = [...FORMS.map((f) => f.schema), SignInSchema, ForgotPasswordSchema, ResetPasswordSchema, ChangePasswordSchema, CitySettingsFormSchema];
  const BAD_INPUTS: Record<string, unknown>[] = [
    {},
    { title: "", body: "", email: "not an email", password: "short", displayName: "<b>", stance: "sideways", reason: "x", targetId: "-1", targetType: "post", intent: "suspend" },
    { title: "x".repeat(500), body: "y".repeat(20_000), note: "z".repeat(2000), latitude: "north", longitude: "", estimatedCost: "lots", timeZone: "Mars/Olympus", currency: "XXXX", mapZoom: "40" },
    { email: 42, password: ["a"], displayName: { a: 1 }, categoryId: "abc", homeDistrictId: "0", userId: "", confirmPassword: "other" },
  ];

  it("in English and French, and never the same message twice for one field", () => {
    for (const schema of SCHEMAS) {
      for (const input of BAD_INPUTS) {
        const result = schema.safeParse(input);
        if (result.success) continue;
        const byField = new Map<string, string[]>();
        for (const issue of result.error.issues) {
          expect(issue.message, JSON.stringify(issue)).toMatch(/^errors\./);
          expect(typeof lookup(en, issue.message), issue.message).toBe("string");
          expect(typeof lookup(fr, issue.message), issue.message).toBe("string");
          const field = String(issue.path[0] ?? "");
          byField.set(field, [...(byField.get(field) ?? []), issue.message]);
        }
        for (const [field, messages] of byField) expect(new Set(messages).size, `${field}: ${messages}`).toBe(messages.length);
      }
    }
  });
});
