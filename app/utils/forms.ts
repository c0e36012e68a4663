import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

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
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}
