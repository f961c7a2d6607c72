import { z } from 'zod';
import { isCalendarDay, isCalendarMonth, isInstantInRange, normalizeTyped, parseLocalDateTime } from '@shequ/domain';

/**
 * Validator messages that people can read. zod's own messages are English sentences ("Expected string, received
 * array", which a field posted twice produced under 类别); here every issue a schema did not word itself becomes an
 * i18n key under `validation.*`, translated where it is shown (zh-CN first, en too). Input schemas (`*.schema.ts`
 * beside their use case) and the web app (`~/lib/validation.ts`) take `z` from this module (ESLint refuses 'zod'
 * elsewhere), so the map is in place wherever a schema is parsed: in the browser, in the route and in the use case.
 */
export const messageKeyErrorMap: z.ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      // Nothing sent: a choice (an enum: a radio group, a select) is asked to be chosen, anything else to be filled
      // in (请填写此项 under three radio buttons read as a stray: found from outside).
      if (issue.received === 'undefined' || issue.received === 'null') return { message: issue.expected.includes("'") ? 'validation.choose' : 'validation.required' };
      // A list where one value belongs (the field sent twice), or a value of the wrong kind.
      return { message: issue.received === 'array' ? 'validation.single' : 'validation.invalid' };
    case 'too_small':
      if (issue.type === 'string') return { message: Number(issue.minimum) === 1 ? 'validation.required' : bounded('tooShortMin', 'min', issue.minimum) };
      if (issue.type === 'array') return { message: bounded('tooFewMin', 'min', issue.minimum) };
      if (issue.type === 'number') return { message: bounded(issue.inclusive ? 'tooSmallMin' : 'aboveMin', 'min', issue.minimum) };
      return { message: 'validation.tooSmall' };
    case 'too_big':
      if (issue.type === 'string') return { message: bounded('tooLongMax', 'max', issue.maximum) };
      if (issue.type === 'array') return { message: bounded('tooManyMax', 'max', issue.maximum) };
      if (issue.type === 'number') return { message: bounded(issue.inclusive ? 'tooBigMax' : 'belowMax', 'max', issue.maximum) };
      return { message: 'validation.tooBig' };
    case 'invalid_enum_value':
    case 'invalid_literal':
    case 'invalid_union':
    case 'invalid_union_discriminator':
      return { message: 'validation.choice' };
    case 'invalid_date':
      return { message: 'validation.date' };
    case 'not_finite':
    case 'not_multiple_of':
      return { message: 'validation.number' };
    default:
      return { message: 'validation.invalid' };
  }
};

/**
 * A validator's message that names its bound (issue 17–20 trials: "数值太大" without saying how large may be): the key
 * with the value after `?`, e.g. `validation.tooLongMax?max=200`; the web's useErrorText reads the values into the
 * message (splitMessage). A message without `?` is a plain key.
 */
function bounded(key: string, name: 'min' | 'max', value: number | bigint) {
  return `validation.${key}?${name}=${String(value)}`;
}

/** A message key and the values it carries (`key?name=value&…`, from messageKeyErrorMap); a plain key has none. */
export function splitMessage(message: string): { key: string; values: Record<string, string> } {
  const at = message.indexOf('?');
  if (at < 0) return { key: message, values: {} };
  return { key: message.slice(0, at), values: Object.fromEntries(new URLSearchParams(message.slice(at + 1))) };
}

/**
 * A message key with the values it names (`refusals.meal.dish.tags.wrong?entries=…`), read back by splitMessage: how a
 * schema's refusal names the wrong entries of a field that holds several (tags, dates, percentages) — all of them at
 * once, not "this field is wrong" (issue 19's trial: dish tags, the menu rule, the calendar and reminders).
 */
export function messageWith(key: string, values: Record<string, string | number>): string {
  const query = new URLSearchParams(Object.entries(values).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return query ? `${key}?${query}` : key;
}

/**
 * The wrong entries of a field as a message names them: each in quotes, long ones cut (“十三个字的标签名称太长…”), at
 * most `max` of them and then an ellipsis (“a”、“b”、“c”…). Several wrong entries are named together.
 */
export function namedEntries(entries: readonly string[], max = 5): string {
  const cut = (e: string) => (Array.from(e).length > 12 ? `${Array.from(e).slice(0, 12).join('')}…` : e);
  const shown = entries.slice(0, max).map((e) => `“${cut(e)}”`).join('、');
  return entries.length > max ? `${shown}…` : shown;
}

z.setErrorMap(messageKeyErrorMap);

export { z };

/**
 * An amount of money in yuan as a form sends it — 0 to 100,000 with at most two decimals (12, 12.5, 12.50) — as fen
 * (an integer). One parser for every price, fee and subsidy: 0.001 was rounded to 0 and saved without a word (a
 * subsidy rule of nothing that outranked the real ones: found by an outside trial of issue 19). Messages:
 * 'validation.required' (empty), 'validation.money' (not such an amount; it names 0–100000 and two decimals: 餐费
 * 99999999 was told only 数值太大 before), 'validation.tooBigMax?max=100000'.
 */
export const yuanCents = z
  .preprocess(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z.string({ required_error: 'validation.required' }).regex(/^\d{1,7}(\.\d{1,2})?$/, 'validation.money'),
  )
  .transform((v) => Math.round(Number(v) * 100))
  .refine((cents) => cents <= 10_000_000, 'validation.tooBigMax?max=100000');

/**
 * A whole number from `min` to `max` as a form sends it (places, days, minutes, an age, a priority). Every way it
 * can fail — not a number, 1.5, below or above — says the same with its bounds: 'validation.wholeBetween?min=…&max=…'
 * ("请填写 0 到 10000 之间的整数"): capacity 1.5 answered "此项填写有误" without saying what was wanted (issue 19's
 * trial). As z.coerce.number(), an empty string is 0.
 */
export function wholeNumber(min: number, max: number) {
  const message = `validation.wholeBetween?min=${min}&max=${max}`;
  return z.coerce.number({ invalid_type_error: message, required_error: message }).int(message).min(min, message).max(max, message);
}

/**
 * A day as a form sends it (YYYY-MM-DD) that exists on the calendar: 2026-02-30 passed a pattern alone and reached
 * PostgreSQL, which refused it and the page answered 500 (found from outside on five pages). 'validation.date'.
 */
export const calendarDay = z.string().trim().refine((v) => isCalendarDay(v), { message: 'validation.date' });

/** A month as a form or address sends it (YYYY-MM) that exists on the calendar (2026-13 does not). 'validation.date'. */
export const calendarMonth = z.string().trim().refine((v) => isCalendarMonth(v), { message: 'validation.date' });

/**
 * A date-time as a `datetime-local` field sends it (YYYY-MM-DDTHH:mm, China time), an ISO instant with its zone, or
 * a Date (a use case called from code), read by parseLocalDateTime: the day checked on the calendar (2026-02-30 is
 * refused, where `new Date` made it 2026-03-02), hour and minute in range, years 1900–2100. Output: a Date.
 * Messages: 'validation.required' when absent, 'validation.dateTime' otherwise. The one schema piece for typed
 * date-times (issue 17); every form field of type datetime-local goes through it (apps/web/test/forms.test.ts).
 */
export const localDateTime = z.preprocess(
  (v) => {
    if (v instanceof Date) return isInstantInRange(v) ? v : new Date(Number.NaN);
    if (typeof v !== 'string') return v;
    if (v.trim() === '') return undefined;
    return parseLocalDateTime(v) ?? new Date(Number.NaN);
  },
  z.date({ errorMap: (issue) => ({ message: issue.code === 'invalid_type' && (issue.received === 'undefined' || issue.received === 'null') ? 'validation.required' : 'validation.dateTime' }) }),
);

/**
 * A numeric code a text message carried (sign-in, password reset), read as typed on a phone: full-width digits
 * (１２３４５６, a Chinese keyboard's 全角) become plain ones and spaces or dashes between groups go, as in mobile
 * numbers (normalizeMobile); then exactly `length` digits. The code box refused ６ where the mobile box took it
 * (found from outside). Input: the typed text; output: the digits. Messages: `requiredKey`, `shapeKey`.
 */
export function typedDigitCode(length: number, requiredKey: string, shapeKey: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? normalizeTyped(v).replace(/[\s\p{Pd}]/gu, '') : v),
    z.string({ required_error: requiredKey }).min(1, requiredKey).regex(new RegExp(`^\\d{${length}}$`), shapeKey),
  );
}

/** Every key the map can give (a test checks each has a zh-CN and an en message). */
export const VALIDATION_KEYS = ['required', 'choose', 'single', 'invalid', 'tooSmall', 'tooFew', 'tooLong', 'tooMany', 'tooBig', 'tooShortMin', 'tooFewMin', 'tooSmallMin', 'aboveMin', 'tooLongMax', 'tooManyMax', 'tooBigMax', 'belowMax', 'choice', 'date', 'dateTime', 'number', 'wholeBetween'] as const;

/** A schema's output with every field optional (for a union, each member's): what a form's rules across fields read. */
export type Loose<T> = T extends unknown ? { readonly [K in keyof T]?: T[K] } : never;

/** A form as it was sent (before its schema read it): what a rule across fields asks "was anything typed here" of. */
export type Sent = Readonly<Record<string, unknown>>;

/**
 * Whether a field of a form as sent holds something, valid or not: a text with more than spaces, a list with an
 * item, any other value. A rule that asks for one of two fields asks this, so a field typed wrong is told its own
 * problem only (a link typed wrong is not also "fill in a place or a link").
 */
export function filledIn(sent: Sent, key: string): boolean {
  const v = sent[key];
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.some((x) => (typeof x === 'string' ? x.trim() !== '' : x !== undefined && x !== null));
  return v !== undefined && v !== null;
}

/** The fields of the object `schema` is (through refinements and preprocessing), or of a discriminated union's member chosen by `sent`. */
function fieldsOf(schema: z.ZodTypeAny, sent: Sent): Record<string, z.ZodTypeAny> | null {
  let s = schema;
  for (;;) {
    const def = s._def as { typeName?: string; schema?: z.ZodTypeAny; innerType?: z.ZodTypeAny; discriminator?: string; optionsMap?: Map<unknown, z.ZodTypeAny> };
    if (def.typeName === 'ZodObject') return (s as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
    if (def.typeName === 'ZodDiscriminatedUnion') {
      const option = def.optionsMap!.get(sent[def.discriminator!]);
      if (!option) return null;
      s = option;
    } else if (def.schema) s = def.schema;
    else if (def.innerType) s = def.innerType;
    else return null;
  }
}

/**
 * A field's value as a form sends it, read as Conform reads it before the schema (parse-form.ts in the web app): an
 * empty text is absent; a tick's 'on' is true, a number's or a date's text is one, where the field's own schema takes
 * a boolean, number or date as it is (its preprocessing and coercion, where it has them, do the rest).
 */
function asFormReads(field: z.ZodTypeAny, raw: unknown): unknown {
  if (raw === '') return undefined;
  if (typeof raw !== 'string') return raw;
  let base = field;
  while (['ZodOptional', 'ZodNullable', 'ZodDefault'].includes((base._def as { typeName: string }).typeName)) base = (base._def as { innerType: z.ZodTypeAny }).innerType;
  const kind = (base._def as { typeName: string }).typeName;
  if (kind === 'ZodBoolean') return raw === 'on' ? true : raw;
  if (kind === 'ZodNumber') return raw.trim() === '' ? undefined : Number(raw.trim());
  if (kind === 'ZodDate') return new Date(raw);
  return raw;
}

/**
 * What of a form its rules across fields read: each field as its own part of the schema reads it (asFormReads), parsed
 * on its own and only when a rule reads it; a field that does not parse reads as undefined (its own problem is the
 * schema's to say).
 */
function looseValue(schema: z.ZodTypeAny, sent: Sent): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fieldsOf(schema, sent) ?? {})) {
    let read: { done: boolean; value?: unknown } = { done: false };
    Object.defineProperty(value, key, {
      enumerable: true,
      get() {
        if (!read.done) {
          const r = field.safeParse(asFormReads(field, sent[key]));
          read = { done: true, value: r.success ? r.data : undefined };
        }
        return read.value;
      },
    });
  }
  return value;
}

/** An issue's `params` mark for a rule across fields (withRules), so that a refusal can list the fields' own problems first (parseInput). */
export const ACROSS_FIELDS = 'acrossFields';

/**
 * A form's schema with its rules across fields said together with its fields' own problems, in one pass. Zod runs an
 * object's refine / superRefine only once every field has parsed (a field that stops the parse — a choice not made, a
 * required text left empty as Conform reads it, "abc" for a number — skips it), so a form with an empty field and,
 * say, an end before its start was told them one round after the other (issue 18's outside trial: 地点, 议程 and
 * the times of the meeting form). Here `rules` run first — on whatever of the fields parsed (`value`, Loose: each may
 * be undefined) and on the form as sent (`sent`, for "was anything typed": filledIn) — then the schema; every issue of
 * both is one refusal. The one way a schema of packages/use-cases checks fields against each other
 * (test/form-rules-at-once.test.ts keeps it so). Conform's coercion applies to `schema` as before.
 */
export function withRules<S extends z.ZodTypeAny>(schema: S, rules: (value: Loose<z.output<S>>, ctx: z.RefinementCtx, sent: Sent) => void): z.ZodEffects<S, z.output<S>, z.input<S>> {
  return z.preprocess((raw, ctx) => {
    const sent: Sent = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Sent) : {};
    const marked: z.RefinementCtx = {
      path: ctx.path,
      addIssue: (issue) => ctx.addIssue({ ...issue, params: { ...((issue as { params?: Record<string, unknown> }).params ?? {}), [ACROSS_FIELDS]: true } } as z.IssueData),
    };
    rules(looseValue(schema, sent) as Loose<z.output<S>>, marked, sent);
    return raw;
  }, schema) as unknown as z.ZodEffects<S, z.output<S>, z.input<S>>;
}
