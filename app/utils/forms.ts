import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { announceSending } from "./settle";

// Walking a schema for its HTML constraints costs more than rendering the form: once per schema.
const constraints = new WeakMap<z.ZodType, ReturnType<typeof getZodConstraint>>();
function constraintOf(schema: z.ZodType) {
  let constraint = constraints.get(schema);
  if (!constraint) constraints.set(schema, (constraint = getZodConstraint(schema)));
  return constraint;
}

/**
 * One zod schema validates in the browser (when JavaScript runs) and in the action (always).
 * Errors are translation keys; fields keep what was typed after a server-side refusal.
 */
export function useZodForm<Schema extends z.ZodType<unknown, Record<string, unknown>>>(schema: Schema, lastResult: SubmissionResult<string[]> | null | undefined, id?: string, defaultValue?: Partial<z.input<Schema>>) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    lastResult,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's DefaultValue type is recursive
    defaultValue: defaultValue as any,
    constraint: constraintOf(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    // Valid and really sent (not one of conform's own validation submits): pending previews and
    // searches on the page stop (settle.ts).
    onSubmit: (event) => announceSending(event.currentTarget),
  });
}
