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

type FieldKind = 'text' | 'boolean' | 'other';

/** What a schema field takes from a form, seen through optional/nullable/default/refinement wrappers. */
function fieldKind(field: z.ZodTypeAny): FieldKind {
  let f = field;
  for (;;) {
    const def = f._def as { typeName?: string; innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny };
    if (def.typeName === 'ZodString') return 'text';
    if (def.typeName === 'ZodBoolean') return 'boolean';
    const inner = def.innerType ?? def.schema;
    if (!inner) return 'other';
    f = inner;
  }
}

/** An object schema's fields and their kinds (through a top-level refinement), made once per schema; null if not an object. */
const flatShapes = new WeakMap<z.ZodTypeAny, Map<string, FieldKind> | null>();
function flatShape(schema: z.ZodTypeAny): Map<string, FieldKind> | null {
  if (flatShapes.has(schema)) return flatShapes.get(schema)!;
  let s = schema;
  while ((s._def as { typeName?: string }).typeName === 'ZodEffects') s = (s._def as { schema: z.ZodTypeAny }).schema;
  const shape = (s._def as { typeName?: string }).typeName === 'ZodObject' ? (s as z.AnyZodObject).shape : null;
  const kinds = shape ? new Map(Object.entries(shape as Record<string, z.ZodTypeAny>).map(([k, f]) => [k, fieldKind(f)])) : null;
  flatShapes.set(schema, kinds);
  return kinds;
}

/**
 * The happy path of a flat text form, checked against the same schema as parseForm but without building Conform's
 * submission: each field sent once, text fields as typed (empty → absent, as Conform does), a checkbox's 'on' or
 * 'true' as true; fields the schema does not know are left out, as the schema itself would. Returns the schema's
 * output, or null whenever the form is anything else (a field twice, a number, list or file field, any refusal): the
 * caller then parses in full with parseForm and shows the messages. For the residents' fast lane, where building
 * Conform's submission cost about 0.08 ms of CPU per request (issue 13's intake benchmark).
 */
export function parseFlatForm<S extends z.ZodTypeAny>(form: URLSearchParams, schema: S): z.output<S> | null {
  const kinds = flatShape(schema);
  if (!kinds) return null;
  const value: Record<string, unknown> = {};
  for (const [key, raw] of form) {
    const kind = kinds.get(key);
    if (kind === undefined) continue; // the schema would strip it too
    if (kind === 'other' || key in value) return null;
    if (raw === '') value[key] = undefined;
    else if (kind === 'boolean') {
      if (raw !== 'on' && raw !== 'true') return null;
      value[key] = true;
    } else value[key] = raw;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as z.output<S>) : null;
}
