import { randomUUID } from 'node:crypto';
import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { chinaDate } from '@shequ/domain';
import type { StaffCaller } from '@shequ/use-cases';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import type { FormReply } from '~/lib/form-reply.tsx';
import type { Refusal } from '~/lib/refusal.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';

// The server half shared by the co-governance committee's staff pages (issue 18, decision 037): the caller, their
// transaction, refusals (403 and 404 pages; the rest beside a field or above the form that was sent).

/** The signed-in member of the community console. */
export async function committeeCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/** A loader's use case in the caller's scope (runAsStaff: 403 and 404 pages). */
export const loadCommittee = <T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>) => runAsStaff(caller, fn);

/** An action's use case in the caller's scope (actAsStaff: refusals come back to be shown beside a field or above the form). */
export const actOnCommittee = <T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>) => actAsStaff(caller, fn);

/** What an action answers the form that was sent (FormReply: messages, what was typed, the saved mark). */
export type CommitteeReply = FormReply;

/** What was typed into a form, fit to send back: texts and lists of texts (no files, no CSRF token, no intent). */
function typedValues(payload: Record<string, unknown> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (key === 'csrf' || key === 'intent') continue;
    if (typeof value === 'string') out[key] = value.slice(0, 5000);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = (value as string[]).slice(0, 500);
  }
  return out;
}

/** A form that did not pass its schema: 400 with its fields' messages and what was typed, for the form named `form`. */
export function invalidReply(form: string, errors: Record<string, string[] | null | undefined> | null | undefined, payload?: Record<string, unknown>) {
  const clean = Object.fromEntries(Object.entries(errors ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1])));
  return data<CommitteeReply>({ form, errors: clean, error: null, params: {}, values: typedValues(payload) }, { status: 400 });
}

/** A refusal: beside its field when it names one of the form's, otherwise above the form; with what was typed. */
export function refusalReply(form: string, refusal: Refusal, payload?: Record<string, unknown>) {
  const field = refusal.field;
  return data<CommitteeReply>(
    { form, errors: field ? { [field]: [refusal.message] } : {}, error: field ? null : refusal.message, params: refusal.params, values: typedValues(payload) },
    { status: refusal.status },
  );
}

/** A form saved: no message beside it, and a new `saved` mark (with `extra`, e.g. what the page shows once). */
export function savedReply<T extends Record<string, unknown>>(form: string, extra: T = {} as T): CommitteeReply & T {
  return { form, errors: {}, error: null, params: {}, saved: randomUUID(), ...extra };
}

/** A report's year (default: this year in China) and format (`pdf` unless `xlsx`) from the query string. */
export function reportParams(request: Request): { year: number; format: 'pdf' | 'xlsx' } {
  const q = new URL(request.url).searchParams;
  const thisYear = Number(chinaDate(new Date()).slice(0, 4));
  const asked = Number(q.get('year'));
  return { year: Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear, format: q.get('format') === 'xlsx' ? 'xlsx' : 'pdf' };
}

/** A report file to download (Chinese file names kept, characters a file system objects to replaced). */
export function reportFile(bytes: Uint8Array, fileName: string, format: 'pdf' | 'xlsx'): Response {
  const safe = Array.from(fileName, (c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').slice(0, 100);
  return download(bytes, safe, FILE_TYPES[format], `report.${format}`);
}
