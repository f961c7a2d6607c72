import { type Submission } from '@conform-to/react';
import { parseWithZod, unstable_coerceFormValue as coerceFormValue } from '@conform-to/zod';
import type { z } from './validation.ts';

/**
 * Each schema with Conform's coercion of form values (empty strings to undefined, text to numbers, booleans, dates)
 * built in, made once per schema. parseWithZod builds it again on every call otherwise: a fresh tree of Zod
 * objects per call, which doubled the web process's CPU per resident submission (issue 13's intake benchmark: web
 * 0.98 → 1.9 ms per submission, 806 → 538 submissions/s) and ran on every keystroke in the browser.
 */
const coerced = new WeakMap<z.ZodTypeAny, z.ZodTypeAny>();
function withCoercion(schema: z.ZodTypeAny): z.ZodTypeAny {
  let found = coerced.get(schema);
  if (!found) coerced.set(schema, (found = coerceFormValue(schema) as z.ZodTypeAny));
  return found;
}

/**
 * A form's fields checked against a schema, in the browser (Conform's onValidate) or on the server
 * (parseSubmission): `status: 'success'` with the typed value, or each field's message keys.
 */
export function parseForm<S extends z.ZodTypeAny>(form: FormData | URLSearchParams, schema: S): Submission<z.input<S>, string[], z.output<S>> {
  return parseWithZod(form, { schema: withCoercion(schema), disableAutoCoercion: true }) as Submission<z.input<S>, string[], z.output<S>>;
}
