import { z } from "zod";

/**
 * Building blocks for the zod schemas shared by forms and actions. Every message is a
 * translation key (the form shows t(key) beside its field), and so is zod's fallback for any
 * check a schema forgot to name: no English "Invalid input" can reach a French reader.
 * Client-safe.
 */
z.config({ customError: () => "errors.invalid" });

// Control characters break storage (SQLite's length() stops at NUL) and display; the
// bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) make a name or
// title read differently from what it is. Tab, line feed and carriage return stay in long texts.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function hasControlCharacters(value: string, { multiline = false } = {}) {
  return (multiline ? CONTROL_MULTI_LINE : CONTROL_ONE_LINE).test(value);
}

type TextOptions = { min?: number; max: number; tooLong: string; tooShort?: string; multiline?: boolean };

/** A required text: trimmed, within its length, without control characters. */
export function requiredText({ min = 1, max, tooLong, tooShort = "errors.required", multiline = false }: TextOptions) {
  return z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { message: "errors.required", abort: true })
    .min(min, { message: tooShort, abort: true })
    .max(max, { message: tooLong, abort: true })
    .refine((v) => !hasControlCharacters(v, { multiline }), multiline ? "errors.controlCharactersText" : "errors.controlCharacters");
}

/** An optional text: empty becomes undefined. */
export function optionalText({ max, tooLong, multiline = false }: Omit<TextOptions, "min" | "tooShort">) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((v) => !hasControlCharacters(v, { multiline }), multiline ? "errors.controlCharactersText" : "errors.controlCharacters")
    .transform((v) => v || undefined)
    .optional();
}

/** "48,85" (French) and "48.85" are the same number; spaces around are ignored. */
function normaliseDecimal(value: string) {
  const trimmed = value.trim().replace(/[\s\u00a0\u202f]/g, "");
  return /^-?\d+,\d+$/.test(trimmed) ? trimmed.replace(",", ".") : trimmed;
}

/** "12 000", "12,000", "12.000" and "12000" are the same whole number (thousands grouped by 3). */
function normaliseWhole(value: string) {
  return value
    .trim()
    .replace(/[\s\u00a0\u202f']/g, "")
    .replace(/[.,](?=\d{3}(?:\D|$))/g, "");
}

const NUMBER_TEXT = /^-?(\d+(\.\d+)?|\.\d+)$/;

/** An optional decimal number typed into a text field, with one message for every way to get it wrong. */
export function optionalDecimal(min: number, max: number, message: string) {
  return z
    .string()
    .transform((v, ctx) => {
      if (v.trim() === "") return undefined;
      const text = normaliseDecimal(v);
      const n = Number(text);
      if (!NUMBER_TEXT.test(text) || !Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    })
    .optional();
}

/** An optional whole number typed into a text field. */
export function optionalWhole(min: number, max: number, message: string) {
  return z
    .string()
    .transform((v, ctx) => {
      if (v.trim() === "") return undefined;
      const text = normaliseWhole(v);
      const n = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    })
    .optional();
}

/** An optional id chosen from a list (a select); anything else gets the list's message. */
export function optionalChoiceId(message = "errors.choiceInvalid") {
  return z
    .string({ error: message })
    .transform((v, ctx) => {
      if (v === "") return undefined;
      if (!/^\d{1,15}$/.test(v) || Number(v) <= 0) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Number(v);
    })
    .optional();
}

/** A required id posted by a hidden field or a button (not typed by a person). */
export const idField = z
  .string({ error: "errors.invalidRequest" })
  .regex(/^\d{1,15}$/, "errors.invalidRequest")
  .transform(Number)
  .refine((n) => n > 0, "errors.invalidRequest");
