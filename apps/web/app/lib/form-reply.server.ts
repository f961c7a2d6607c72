import { randomUUID } from 'node:crypto';
import { data } from '@remix-run/node';
import type { FormReply } from './form-reply.tsx';
import { badRequest } from './http.server.ts';
import { placeRefusal, type RefusalFields, type UseCaseError } from './refusal.server.ts';

/*
 * The server half of a page's own forms (issue 12): what an action answers the form that was sent, read in the browser
 * by `useReply` (~/lib/form-reply.tsx). A page with several forms names each (`form`, usually the posted intent);
 * messages are i18n keys, shown beside their field or above the form. Conform forms answer with `invalidForm`
 * (~/lib/forms.server.ts) and `refusalReply` (~/lib/staff-scope.server.ts) instead; both place a refusal by the same
 * rule (placeRefusal).
 */

/**
 * What was typed into a form, fit to send back: texts and lists of texts (no files, no CSRF token, no intent); rows
 * of a list (`shifts: [{ startsAt }]`, as Conform reads `shifts[0].startsAt`) under their posted names, so that a
 * page rendered anew without JavaScript fills each row again (issue 17: the activity form came back empty).
 */
function typedValues(payload: Record<string, unknown> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const put = (key: string, value: unknown, depth: number) => {
    if (typeof value === 'string') out[key] = value.slice(0, 5000);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = (value as string[]).slice(0, 500);
    else if (depth < 2 && Array.isArray(value)) value.slice(0, 50).forEach((v, i) => put(`${key}[${i}]`, v, depth + 1));
    else if (depth < 2 && value && typeof value === 'object' && !(value instanceof Blob)) for (const [k, v] of Object.entries(value).slice(0, 50)) put(`${key}.${k}`, v, depth + 1);
  };
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (key === 'csrf' || key === 'intent') continue;
    put(key, value, 0);
  }
  return out;
}

/** A problem's message with its own values (`refusals.volunteer.shift.places?reserved=5&capacity=3`: splitMessage), so that two fields' messages naming different values both read right. */
export function withOwnValues(message: string, params: Record<string, string | number> | undefined): string {
  const own = Object.entries(params ?? {}).filter(([k]) => k !== 'field');
  return own.length ? `${message}?${new URLSearchParams(own.map(([k, v]) => [k, String(v)])).toString()}` : message;
}

/**
 * A form that did not pass its schema: 400 with its fields' messages, for the form named `form`, and what was typed
 * (`payload`, the submission's), so that a page rendered anew shows it again.
 */
export function replyInvalid(form: string, errors: Record<string, string[] | null | undefined> | null | undefined, payload?: Record<string, unknown>, also?: { refusal: UseCaseError | null; options?: RefusalFields }) {
  const clean = Object.fromEntries(Object.entries(errors ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1])));
  // The use case's own problems of the same form (found on the fields that could be read), beside the fields the
  // schema said nothing of: every problem of a submission in one answer (issue 17).
  if (also?.refusal) {
    const placed = placeRefusal(also.refusal, also.options);
    for (const [field, messages] of Object.entries(placed.fieldErrors)) if (!clean[field]?.length) clean[field] = messages.map((m) => withOwnValues(m, placed.fieldParams[field]));
  }
  return data<FormReply>({ form, errors: clean, error: null, params: {}, values: typedValues(payload) }, { status: 400 });
}

/**
 * A submission that did not pass its schema, answered as replyInvalid for the form its posted intent names (or
 * `form`), with what was typed when `keepTyped`; the 400 page when the intent itself is not one of the page's (a
 * form no page of ours sends).
 */
export function replyInvalidSubmission(submission: { error?: Record<string, string[] | null | undefined> | null; payload: Record<string, unknown> }, options: { form?: string; keepTyped?: boolean } = {}) {
  if (submission.error?.intent) badRequest();
  return replyInvalid(options.form ?? String(submission.payload.intent ?? ''), submission.error, options.keepTyped ? submission.payload : undefined);
}

/**
 * A use case's refusal for the form named `form`: each problem beside the field it names (placeRefusal; `fields` and
 * `unnamed` as there), the first one that names no field of the form above it; the first problem's status; and what
 * was typed (`payload`).
 */
export function replyRefused(form: string, error: UseCaseError, payload?: Record<string, unknown>, options: RefusalFields = {}) {
  const placed = placeRefusal(error, options);
  const errors = Object.fromEntries(Object.entries(placed.fieldErrors).map(([field, messages]) => [field, messages.map((m) => withOwnValues(m, placed.fieldParams[field]))]));
  return data<FormReply>(
    { form, errors, error: placed.formErrors[0] ?? null, params: placed.params, values: typedValues(payload) },
    { status: placed.status },
  );
}

/** A form saved: no message, and a new `saved` mark (the saved form may start empty), with `extra` the page shows once. */
export function replySaved<T extends Record<string, unknown>>(form: string, extra: T = {} as T): FormReply & T {
  return { form, errors: {}, error: null, params: {}, saved: randomUUID(), ...extra };
}
