import { json } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
  return parseWithZod(await request.formData(), { schema });
}

/** A refused form: the reply carries the field and form errors and what the person typed (secrets excepted). */
export function refuse(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parsed submission
  submission: Pick<Submission<any>, "reply">,
  { status = 400, formErrors, fieldErrors, hideFields }: { status?: number; formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] } = {},
) {
  return json(submission.reply({ formErrors, fieldErrors, hideFields }), { status });
}
