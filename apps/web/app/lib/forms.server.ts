import { type Submission } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { WorkspaceKind } from '@shequ/domain';
import { type ActorContext, requireActor, requireSession, verifyCsrf } from './session.server.ts';
import { parseForm } from './parse-form.ts';
import type { z } from './validation.ts';

/**
 * The one module that reads posted fields (issue 12: one Zod schema per input). Every action and the residents'
 * fast lane parse their body here, with the schema that sits beside the use case (`@shequ/use-cases/schemas`) and
 * that Conform also runs in the browser. `apps/web/test/forms.test.ts` fails if a route reads a field itself.
 */
export type PostedForm = FormData | URLSearchParams;

/**
 * The posted form, or a 400 page (translated, Chinese first) when the body is not a form: JSON, plain text, a
 * multipart body cut short or malformed (issue 13: these answered 500).
 */
async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ code: 'badRequest' }, { status: 400 });
  }
}

/**
 * The largest list index a posted field name may carry (`shifts[999].capacity`): no form of the product has a list
 * near it. Conform builds the list up to the highest index it reads, so one `shifts[1000000].capacity=1` made the
 * web process build a million entries, grow to 4 GB and stop answering everyone (found by an outside trial).
 */
export const MAX_FORM_LIST_INDEX = 999;

/**
 * One pass over the posted fields: the 400 page (badRequest, Chinese first) for a field name whose list index is
 * beyond MAX_FORM_LIST_INDEX, and whether any text value holds a NUL (withoutNul then cleans the form).
 */
function checkFields(form: PostedForm): { hasNul: boolean } {
  let hasNul = false;
  for (const [key, value] of form.entries()) {
    if (key.includes('[')) for (const m of key.matchAll(/\[(\d+)\]/g)) if (m[1]!.length > 3 || Number(m[1]) > MAX_FORM_LIST_INDEX) throw data({ code: 'badRequest' }, { status: 400 });
    if (!hasNul && typeof value === 'string' && value.includes('\u0000')) hasNul = true;
  }
  return { hasNul };
}

/**
 * A posted form checked against its schema: `status: 'success'` with the typed value, or the fields' messages.
 * Refuses with the 400 page a field name indexing a list beyond MAX_FORM_LIST_INDEX, before anything is built; NUL
 * characters are taken out of text values first (withoutNul). One pass over the fields (checkFields) on every post.
 */
export function parseSubmission<S extends z.ZodTypeAny>(form: PostedForm, schema: S): Submission<z.input<S>, string[], z.output<S>> {
  const { hasNul } = checkFields(form);
  return parseForm(hasNul ? withoutNul(form) : form, schema);
}

/**
 * The form with NUL characters taken out of its text values: PostgreSQL refuses U+0000 in text, and a `%00` typed
 * into an objection, a title, a note or the minutes answered 500 (found from outside on every free-text field of the
 * volunteer and committee pages). Files are kept as they are.
 */
function withoutNul(form: PostedForm): PostedForm {
  const clean = form instanceof URLSearchParams ? new URLSearchParams() : new FormData();
  for (const [key, value] of form.entries()) (clean as FormData).append(key, typeof value === 'string' ? value.replaceAll('\u0000', '') : value);
  return clean;
}

/** The residents' fast lane: a flat form's happy path against the same schema, without Conform (parse-form.ts). */
export { parseFlatForm } from './parse-form.ts';

/** For pages without an account (sign-in, residents): the body (400 page when it is not a form) checked against its schema. */
export async function readSubmission<S extends z.ZodTypeAny>(request: Request, schema: S) {
  return parseSubmission(await readForm(request), schema);
}

/** The CSRF token a signed-in form carries (<CsrfInput />); no schema declares it. */
function csrfOf(form: PostedForm): unknown {
  return form.get('csrf');
}

/**
 * For signed-in actions: the actor (allowed into `console`), the CSRF check, and the form checked against its
 * schema, in one call.
 */
export async function requireSubmission<S extends z.ZodTypeAny>(request: Request, schema: S, console?: WorkspaceKind): Promise<ActorContext & { submission: ReturnType<typeof parseSubmission<S>> }> {
  const ctx = await requireActor(request, console);
  const form = await readForm(request);
  verifyCsrf(ctx.session, csrfOf(form));
  return { ...ctx, submission: parseSubmission(form, schema) };
}

/** For a signed-in form posted before a workspace is chosen (switching workspace, signing out). */
export async function requireSessionSubmission<S extends z.ZodTypeAny>(request: Request, schema: S) {
  const session = await requireSession(request);
  const form = await readForm(request);
  verifyCsrf(session, csrfOf(form));
  return { session, submission: parseSubmission(form, schema) };
}

/**
 * The answer to a form that did not pass its schema: 400, the fields' messages (i18n keys) and what was typed,
 * for the form named `form` on the page (a page with several forms shows them on the one that was sent).
 */
export function invalidForm<T extends Record<string, unknown>>(submission: Submission<unknown>, form: string, extra: T = {} as T, hideFields?: string[]) {
  return data({ ...extra, form, result: submission.reply({ hideFields }) }, { status: 400 });
}

/**
 * The first problem of a form that did not pass its schema: the field it is about (null for the form as a whole)
 * and its message key, for a page whose answer names one field (its own shape, not Conform's).
 */
export function firstProblem(submission: { error?: Record<string, string[] | null | undefined> | null }): { field: string | null; message: string } {
  const [field, messages] = Object.entries(submission.error ?? {}).find(([, m]) => m?.length) ?? ['', ['errors.badRequest']];
  return { field: field || null, message: messages![0]! };
}

/** A posted intent that is not a form of this page: the translated 400 page (http.server.ts). */
export { badRequest } from './http.server.ts';

/**
 * For the residents' form, which answers a body that is not a form on its own page (with its message) rather than
 * with the 400 page: null when the body cannot be read as a form.
 */
export async function readSubmissionOrNull<S extends z.ZodTypeAny>(request: Request, schema: S) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return null;
  }
  return parseSubmission(form, schema);
}
