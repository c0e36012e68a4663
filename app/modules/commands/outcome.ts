import type { DomainEvent } from "~/modules/events/catalogue";

/**
 * The one refusal type of the app: an expected failure ("voting is closed", "over budget") as a
 * value. `message` is a translation key; `params` fill it in; `fieldErrors` put messages next to
 * the fields they concern. Routes turn a refusal into a 4xx answer that keeps what was typed.
 * Client-safe: no server or database import.
 */
export const REFUSAL_STATUS = {
  invalid: 400,
  tooDeep: 400,
  forbidden: 403,
  suspended: 403,
  silenced: 403,
  unverified: 403,
  notFound: 404,
  closed: 409,
  conflict: 409,
  tooLarge: 413,
  rateLimited: 429,
} as const;

export type RefusalCode = keyof typeof REFUSAL_STATUS;

export type Refusal = {
  ok: false;
  code: RefusalCode;
  message: string;
  params?: Record<string, string | number>;
  fieldErrors?: Record<string, string[]>;
};

/** What a command's synchronous core returns: its result and the events it caused, or a refusal. */
export type CoreOutcome<T> = { ok: true; value: T; events: DomainEvent[] } | Refusal;

/** What a command returns to its caller once committed (the events have been handed on). */
export type Outcome<T> = { ok: true; value: T } | Refusal;

export function done<T>(value: T, events: DomainEvent[] = []): CoreOutcome<T> {
  return { ok: true, value, events };
}

export function refuse(code: RefusalCode, options: { message?: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string[]> } = {}): Refusal {
  return { ok: false, code, message: options.message ?? `errors.refused.${code}`, ...(options.params ? { params: options.params } : {}), ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}) };
}

/** A refusal of bad input, with the messages beside their fields. */
export function invalid(fieldErrors: Record<string, string[]>): Refusal {
  return refuse("invalid", { fieldErrors });
}

/** "Wait and try again": the wait in seconds travels as a parameter, formatted per locale on display. */
export function rateLimited(retryAfterSeconds: number): Refusal {
  return refuse("rateLimited", { message: "errors.refused.rateLimitedFor", params: { seconds: retryAfterSeconds } });
}

/**
 * A message with parameters travels as "key|json" through string-only errors (conform's, a field's
 * list); the page's error list decodes it (app/components/use-message.ts). Client-safe.
 */
export function encodeMessage(refusal: Pick<Refusal, "message" | "params">) {
  return refusal.params ? `${refusal.message}|${JSON.stringify(refusal.params)}` : refusal.message;
}
