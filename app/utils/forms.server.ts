import { data } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { Refusal } from "~/modules/commands/outcome";
import { encodeMessage, REFUSAL_STATUS } from "~/modules/commands/outcome";
import { readForm } from "./request-body.server";

/** Reads the form (bounded: app/utils/request-body.server.ts) and parses it with the shared schema. */
export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
  return parseWithZod(await readForm(request), { schema });
}

type ReplyOptions = { status?: number; formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] };

/** A refused form: the reply carries the field and form errors and what the person typed (secrets excepted). */
export function refuseForm(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parsed submission
  submission: Pick<Submission<any>, "reply">,
  { status = 400, formErrors, fieldErrors, hideFields }: ReplyOptions = {},
) {
  return data(submission.reply({ formErrors, fieldErrors, hideFields }), { status });
}

/**
 * A command's refusal as a refused form: field errors beside their fields, anything else as the
 * form's error (a translation key; a wait is given in words by the page). 4xx, form kept.
 */
export function refuseWithOutcome(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parsed submission
  submission: Pick<Submission<any>, "reply">,
  refusal: Refusal,
  options: Pick<ReplyOptions, "hideFields"> = {},
) {
  return data(replyWithRefusal(submission, refusal, options), { status: REFUSAL_STATUS[refusal.code] });
}

/** The form's reply for a refusal, for pages with several forms that wrap it with which form it was. */
export function replyWithRefusal(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parsed submission
  submission: Pick<Submission<any>, "reply">,
  refusal: Refusal,
  options: Pick<ReplyOptions, "hideFields"> = {},
) {
  const formErrors = refusal.fieldErrors ? undefined : [encodeMessage(refusal)];
  return submission.reply({ formErrors, fieldErrors: refusal.fieldErrors, ...options });
}

export { encodeMessage };

/** A small action's fields (a button's value), or null when they are not what the button sends. */
export async function parseSmallAction<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema> | null> {
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  return parsed.success ? parsed.data : null;
}
