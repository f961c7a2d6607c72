import { data } from '@remix-run/node';
import type { SubmissionResult } from '@conform-to/react';
import type { Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import { type StaffCaller, UseCaseError } from '@shequ/use-cases';
import { describeRefusal } from '~/lib/refusal.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import type { z } from '~/lib/validation.ts';

// The server half shared by the register's pages (decision 034): the caller, their transaction, and refusals
// turned into pages or messages beside the fields.

export type RegisterContext = StaffCaller & { tenantId: string };

/** The signed-in community member and their community. */
export async function registerCaller(request: Request): Promise<RegisterContext> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability, tenantId: actor.workspace.tenantId! };
}

/** For actions: the caller, their community and the posted form checked against its schema (CSRF checked). */
export async function registerSubmission<S extends z.ZodTypeAny>(request: Request, schema: S) {
  const { actor, ability, submission } = await requireSubmission(request, schema, 'community');
  const caller: RegisterContext = { actor, ability, tenantId: actor.workspace.tenantId! };
  return { caller, submission };
}

/**
 * Runs a loader's use case in the caller's scope: a permission refusal is the 403 page, a person the caller may
 * not see (or who does not exist) the 404 page.
 */
export async function loadRegister<T>(caller: RegisterContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await withActor(caller.actor, fn);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UseCaseError && error.code === 'resident.notFound') notFound();
    throw error;
  }
}

/**
 * A refusal as a form reply: beside its field when it names one of the form's (`fields` maps the use case's field
 * names to the form's; without it every field is the form's own) or beside `unnamed` when it names none, else at the
 * top of the form (the refusal's status). `form` names the form on a page with several.
 */
export function refusalReply(error: UseCaseError, reply: (options: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>, options: { form?: string; fields?: Record<string, string>; unnamed?: string } = {}) {
  const refusal = describeRefusal(error);
  const key = refusal.message;
  const field = (refusal.field && options.fields ? options.fields[refusal.field] : refusal.field) ?? options.unnamed ?? null;
  return data({ form: options.form, result: reply(field ? { fieldErrors: { [field]: [key] } } : { formErrors: [key] }), params: refusal.params }, { status: refusal.status });
}

/**
 * Runs an action's use case in the caller's scope. A permission refusal is the 403 page, a person not found the
 * 404 page; other refusals are returned (`{ refusal: { key, params } }`, 400) for the page to show.
 */
export async function actOnRegister<T>(caller: RegisterContext, fn: (tx: Tx) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: UseCaseError }> {
  try {
    return { ok: true, value: await withActor(caller.actor, fn) };
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UseCaseError && error.code === 'resident.notFound') notFound();
    if (error instanceof UseCaseError) return { ok: false, error };
    throw error;
  }
}

/** A refusal for a page without a Conform form (a button): its message key and values, with its kind's status. */
export function refusalData(error: UseCaseError) {
  const refusal = describeRefusal(error);
  return data({ refusal: { key: refusal.message as string, params: refusal.params } }, { status: refusal.status });
}
