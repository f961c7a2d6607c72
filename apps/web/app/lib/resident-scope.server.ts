import { data } from '@remix-run/node';
import { type Tx, withTenant } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import { db } from './db.server.ts';
import { forbidden } from './http.server.ts';
import type { RefusalMessage } from './refusal.ts';
import { describeRefusal, isRefusal, type Refusal, throwAsLoaderPage, type UseCaseError } from './refusal.server.ts';
import { splitMessage } from './validation.ts';

/*
 * The one way a resident page (我的 and the pages it links to) runs its use case: the twin of runAsStaff / actAsStaff
 * (staff-scope.server.ts) for a signed-in resident, in the tenant scope of the community of the URL. What a refusal
 * becomes is decided here for every resident page alike:
 * - in a loader, a refusal of kind forbidden is the 403 page and one of kind notFound the 404 page (another person's
 *   or another community's id looks like no id at all); any other refusal is a bug of the page and is rethrown;
 * - in an action, every refusal comes back as `{ error, params, problems }` with its kind's status, for the page to
 *   show above its buttons (a resident's forms are buttons on lists the page itself shows: a 404 page would help
 *   nobody); `problems` holds every problem of it (UseCaseError.all: a sign-up refused for two missing skills and the
 *   volunteer's age says all three at once), `error`/`params` the first;
 * - a permission refusal (CASL's ForbiddenError) is the 403 page in both.
 * Answers a page gives before calling a use case (an unreadable form, a number staff have not confirmed yet) have the
 * same shape through `residentError` / `residentProblems`, so the page reads one `{ error, params, problems }`.
 */

/** One problem of a resident's form: the message's i18n key and its values. */
export type ResidentProblem<K extends string = never> = { error: RefusalMessage | K; params: Record<string, string | number> };

/**
 * What a resident page's action answers when it does not redirect: every problem (`problems`, all at once), and the
 * first as `error` / `params`.
 */
export type ResidentError<K extends string = never> = ResidentProblem<K> & { problems: ResidentProblem<K>[] };

/** A page's own answer (not a use case's refusal) in the shape of a refusal's: `{ error, params, problems }` with `status`. */
export function residentError<K extends string>(error: K, status: number, params: Record<string, string | number> = {}) {
  return residentProblems([{ error, params }], status);
}

/** Several problems found at once (a form's fields), the first as `error` / `params`. */
export function residentProblems<K extends string>(problems: [ResidentProblem<K>, ...ResidentProblem<K>[]], status: number) {
  return data({ ...problems[0], problems } as ResidentError<K>, { status });
}

/** The messages a schema gives that say nothing particular (a missing or forged field): the page's own line says it. */
const UNWORDED = new Set(['validation.required', 'validation.choose', 'validation.choice', 'validation.invalid', 'validation.single']);

/**
 * The answer to a resident's form that did not pass its schema (400): every field's own worded message, at once and
 * each once, naming its bound (an impossible date: 请填写真实存在的日期…; a guardian's name and relation too long),
 * rather than the first alone; a form with none of those (a missing or forged field) gets the page's catch-all
 * `invalid` line.
 */
export function invalidResidentForm<K extends string>(submission: { error?: Record<string, string[] | null | undefined> | null }, invalid: K) {
  const worded = [...new Set(Object.values(submission.error ?? {}).flatMap((messages) => messages ?? []))].filter((m) => /^(validation|refusals)\./.test(m.split('?')[0]!) && !UNWORDED.has(m));
  if (!worded.length) return residentError(invalid, 400);
  const [first, ...rest] = worded.map((m) => {
    const { key, values } = splitMessage(m);
    return { error: key as K, params: values };
  });
  return residentProblems([first!, ...rest], 400);
}

/** Every problem of a use case's refusal, as a resident page says them. */
export function refusalProblems(error: UseCaseError): [ResidentProblem, ...ResidentProblem[]] {
  const [first, ...rest] = error.all.map((one) => {
    const { message, params } = describeRefusal(one);
    const { field: _field, ...values } = params;
    return { error: message, params: values };
  });
  return [first!, ...rest];
}

/** The community of the URL (the tenant scope residents act in). */
type Community = { id: string };

/**
 * For loaders: the use case's value in the community's tenant scope, or the 403 page (permission refused, or a refusal
 * of kind forbidden) or the 404 page (a refusal of kind notFound). Other refusals and errors are rethrown.
 */
export async function runAsResident<T>(community: Community, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await withTenant(db, community.id, fn);
  } catch (error) {
    throwAsLoaderPage(error);
  }
}

/** What an action's use case gave: its value, or its refusal (`reply` is the page's answer, `refusal` described). */
export type ResidentActed<T> = { ok: true; value: T } | { ok: false; error: UseCaseError; refusal: Refusal; reply: ReturnType<typeof refusalAnswer> };

function refusalAnswer(error: UseCaseError, refusal: Refusal) {
  return residentProblems(refusalProblems(error), refusal.status);
}

/**
 * For actions: the use case's value in the community's tenant scope, or its refusal with the page's answer ready
 * (`if (!acted.ok) return acted.reply`). A permission refusal is the 403 page; other errors are rethrown.
 */
export async function actAsResident<T>(community: Community, fn: (tx: Tx) => Promise<T>): Promise<ResidentActed<T>> {
  try {
    return { ok: true, value: await withTenant(db, community.id, fn) };
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (!isRefusal(error)) throw error;
    const refusal = describeRefusal(error);
    return { ok: false, error, refusal, reply: refusalAnswer(error, refusal) };
  }
}
