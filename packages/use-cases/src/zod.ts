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
