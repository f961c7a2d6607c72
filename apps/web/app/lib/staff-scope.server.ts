import type { SubmissionResult } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import type { RefusalCode, StaffCaller } from '@shequ/use-cases';
import { withActor } from './db.server.ts';
import { forbidden, notFound } from './http.server.ts';
import { describeRefusal, isRefusal, placeRefusal, type Refusal, type RefusalFields, throwAsLoaderPage, type UseCaseError } from './refusal.server.ts';

/*
 * The one way a staff page runs its use case (issue 12): in the caller's transaction, with refusals turned into what
 * the user sees. Which refusal is a page of its own (403, 404) and which a message on the page is decided here, by the
 * refusal's kind (describeRefusal), for every feature alike:
 * - a permission refusal (CASL's ForbiddenError) is the 403 page, in loaders and actions;
 * - in a loader, a refusal of kind forbidden is the 403 page and one of kind notFound the 404 page (another
 *   community's id looks like no id at all); any other refusal is a bug of the page and is rethrown;
 * - in an action, a notFound refusal that names no field is the 404 page (the thing the URL or a hidden id names is
 *   not the caller's); every other refusal comes back for the page to show beside its field or above the form, with
 *   its kind's status.
 */

/** Opens the transaction a use case runs in (default: the caller's own scope, `withActor`). */
export type StaffScope = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

type Options = {
  /** The transaction to run in; default the caller's own scope. Operators' pages pass their maintenance scope. */
  scope?: StaffScope;
};

function scopeOf(caller: StaffCaller, options: Options): StaffScope {
  return options.scope ?? ((fn) => withActor(caller.actor, fn));
}

/**
 * For loaders: the use case's value, or the 403 page (permission refused, or a refusal of kind forbidden) or the 404
 * page (a refusal of kind notFound). Other refusals and errors are rethrown.
 */
export async function runAsStaff<T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>, options: Options = {}): Promise<T> {
  try {
    return await scopeOf(caller, options)(fn);
  } catch (error) {
    throwAsLoaderPage(error);
  }
}

/** What an action's use case gave: its value, or the refusal the page shows (`error` as thrown, `refusal` described). */
export type Acted<T> = { ok: true; value: T } | { ok: false; error: UseCaseError; refusal: Refusal };

/**
 * For actions: the use case's value, or its refusal for the page to show. A permission refusal is the 403 page; a
 * notFound refusal naming no field the 404 page, unless its code is in `messages` (a page that says "no longer
 * there" about a row it listed, rather than leaving the page). Other errors are rethrown.
 */
export async function actAsStaff<T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>, options: Options & { messages?: readonly RefusalCode[] } = {}): Promise<Acted<T>> {
  try {
    return { ok: true, value: await scopeOf(caller, options)(fn) };
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (!isRefusal(error)) throw error;
    const refusal = describeRefusal(error);
    if (refusal.status === 404 && !refusal.field && !options.messages?.includes(error.code)) notFound();
    return { ok: false, error, refusal };
  }
}

/**
 * A refusal as a Conform form's reply: its problems placed by placeRefusal; the first problem's status. `params` fill
 * the messages; `fieldParams` are each field's own. `form` names the form on a page with several.
 */
export function refusalReply(
  error: UseCaseError,
  reply: (options: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>,
  options: { form?: string } & RefusalFields = {},
) {
  const { formErrors, fieldErrors, params, fieldParams, status } = placeRefusal(error, options);
  const errors = { ...(formErrors.length ? { formErrors } : {}), ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}) };
  return data({ form: options.form, result: reply(errors), params, fieldParams }, { status });
}

/** A refusal for a page without a Conform form (a button): `{ refusal: { key, params } }` with its kind's status. */
export function refusalData(error: UseCaseError) {
  const refusal = describeRefusal(error);
  return data({ refusal: { key: refusal.message as string, params: refusal.params } }, { status: refusal.status });
}
