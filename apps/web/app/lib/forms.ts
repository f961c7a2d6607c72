import { type DefaultValue, type SubmissionResult, useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import type { z } from './validation.ts';
import { parseForm } from './parse-form.ts';

/**
 * A form checked in the browser with the schema its use case checks on the server (Conform): messages next to the
 * fields when the form is sent (then as they are corrected: messages appearing on blur shift the button under the
 * pointer, as the sign-in page found), the same messages (and what was typed) when the server answers, and
 * `noValidate` (through getFormProps), so no browser-native bubble (in English) ever shows.
 *
 * `actionData` is the route's answer; its `result` is applied only when its `form` is this form's `id`, so a page
 * with several forms shows the messages on the one that was sent. A page whose answer is shaped otherwise passes the
 * form's `lastResult` itself.
 */
export function useSchemaForm<S extends z.ZodTypeAny>(
  schema: S,
  options: { id: string; actionData?: unknown; lastResult?: SubmissionResult<string[]> | null; defaultValue?: DefaultValue<z.input<S>> },
) {
  const answer = options.actionData as { form?: string; result?: SubmissionResult<string[]> | null } | undefined;
  const lastResult = 'lastResult' in options ? options.lastResult : answer?.form === options.id ? answer.result : undefined;
  return useForm<z.input<S>, z.output<S>>({
    id: options.id,
    lastResult: lastResult ?? undefined,
    defaultValue: options.defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseForm(formData, schema),
  });
}
