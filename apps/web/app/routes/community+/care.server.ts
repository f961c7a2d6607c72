import { randomUUID } from 'node:crypto';
import { data } from '@remix-run/node';
import type { Submission } from '@conform-to/react';
import { chinaDateTime, windowEndText } from '@shequ/domain';
import type { StaffCaller } from '@shequ/use-cases';
import { replyInvalidSubmission } from '~/lib/form-reply.server.ts';
import type { Refusal } from '~/lib/refusal.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import type { StaffScope } from '~/lib/staff-scope.server.ts';

// The server half shared by the care pages (issue 20, decision 039): dates as the pages show them and a form's
// messages (the schema's or a refusal's) for the form that was sent.

/** A window's end as the pages show it (windowEndText without the year): 11-30 24:00, not 12-01 00:00. */
export const endText = (closesAt: Date): string => windowEndText(closesAt).slice(5);

/** An instant in China time to the minute (2026-11-29 09:30). */
export const minuteText = (at: Date) => chinaDateTime(at).slice(0, 16);

/** A China-time day (2026-11-29). */
export const dayText = (at: Date) => chinaDateTime(at).slice(0, 10);

export type FormMessages = { form: string; errors: Record<string, string[]>; params: Record<string, string | number> };

/**
 * A message a care schema gives, as an i18n key: the schemas name refusal codes (care.need.required), which live
 * under `refusals.`; the error map's own keys (validation.*) are keys already.
 */
export const schemaMessage = (m: string) => (/^(care|resident|intake)\./.test(m) ? `refusals.${m}` : m);

/**
 * A care form that did not pass its schema, answered as every page's own forms are (replyInvalidSubmission: 400, for
 * the form its posted intent names, or `form`; the 400 page for an intent none of the page's forms sends), its
 * messages as i18n keys (schemaMessage), each beside its field, with what was typed.
 */
export function replyInvalidCare(submission: { error?: Record<string, string[] | null | undefined> | null; payload: Record<string, unknown> }, form?: string) {
  const error = Object.fromEntries(Object.entries(submission.error ?? {}).map(([k, v]) => [k, v?.map(schemaMessage)]));
  // With what was typed, so a page rendered anew (no JavaScript) shows it again.
  return replyInvalidSubmission({ ...submission, error }, { form, keepTyped: true });
}

/** The schema's messages for the form `form` (400), each beside its field. */
export function formFailure(form: string, submission: Submission<unknown>) {
  const errors: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(submission.status === 'error' ? (submission.error ?? {}) : {})) if (v?.length) errors[k] = v.map(schemaMessage);
  return data<FormMessages>({ form, errors, params: {} }, { status: 400 });
}

/** A refusal for the form `form`: beside its field when it names one the form has (`fields`), else at the form's top (''). */
export function refusalFailure(form: string, refusal: Refusal, fields: readonly string[] = []) {
  const key = refusal.field && fields.includes(refusal.field) ? refusal.field : '';
  return data<FormMessages>({ form, errors: { [key]: [refusal.message] }, params: refusal.params }, { status: refusal.status });
}

/** A visit's id, drawn when the form is shown (the phone app draws its own): the same visit sent twice is stored once. */
export const newVisitId = () => randomUUID();

/** The signed-in community member (the care pages run their use cases through runAsStaff / actAsStaff). */
export async function careCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/**
 * For actAsStaff with a use case that opens its own transactions (recordVisit, fileCareNeed take `db`: the case is
 * filed in its own transaction before the visit is written): no outer transaction, the function is simply called.
 */
export const ownTransactions: StaffScope = (fn) => fn(undefined as never);
