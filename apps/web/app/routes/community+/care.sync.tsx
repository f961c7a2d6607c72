import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { UNIT_ROOM_MAX } from '@shequ/domain';
import { ForbiddenError } from '@shequ/permissions';
import { applyOfflineEdit, careOfflinePack, fileCareNeed, recordVisit } from '@shequ/use-cases';
import { careSyncFormSchema } from '@shequ/use-cases/schemas';
import { bodyTooLarge, MB, takesBodyUpTo } from '~/lib/body-limit.ts';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { splitMessage } from '~/lib/validation.ts';
import { createI18n, isMessageKey } from '~/lib/i18n.ts';
import { getLocale } from '~/lib/locale.server.ts';
import type { Refusal } from '~/lib/refusal.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { schemaMessage, ownTransactions, careCaller } from './care.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/** Bodies above this are answered (413 JSON) without reading the form (decision 060): one photo of 5 MB plus the fields and multipart overhead. */
export const handle = takesBodyUpTo(6 * MB);

/**
 * What the phone app is told about one record it sent: stored (or stored before), or refused. A refusal carries
 * `key`, the message's i18n key (the app translates it again in its own language when it shows the record later),
 * `message`, the message already translated for whoever reads the answer (Chinese first; never a raw key), and for
 * some a `code` the app acts on: `owner` (another account's record), `csrf` (a page too old), `tooLarge` (413).
 */
export type SyncAnswer =
  | { ok: true; id: string; intent: 'visit' | 'need' | 'edit'; repeated: boolean; caseId: string | null; status: 'stored' | 'applied' | 'conflict' | 'resolved' }
  | { ok: false; id: string | null; key: string; message: string; params: Record<string, string | number>; code?: 'owner' | 'csrf' | 'tooLarge' | 'forbidden' | 'notFound' };

/** A resource route answers a Response (JSON), never Remix's data envelope. */
const json = (body: unknown, init?: ResponseInit) => Response.json(body, { ...init, headers: { 'Cache-Control': 'no-store' } });

/** A refusal as the phone app (or anyone) reads it: the key, its text in the request's language, the status. */
function refuse(request: Request, status: number, refusal: { id: string | null; key: string; params?: Record<string, string | number>; code?: Extract<SyncAnswer, { ok: false }>['code'] }) {
  const i18n = createI18n(getLocale(request));
  // A validator's message may carry its bound (`validation.tooLongMax?max=200`: splitMessage).
  const split = splitMessage(refusal.key);
  const key = isMessageKey(i18n, split.key) ? split.key : 'validation.invalid';
  const params = { ...(refusal.params ?? {}), ...split.values };
  const body: SyncAnswer = { ok: false, id: refusal.id, key, message: String(i18n.t(key, params)), params, ...(refusal.code ? { code: refusal.code } : {}) };
  return json(body, { status });
}

/** Thrown by the helpers the action calls (session, CSRF, permission, not found): Remix's `data()` value, or a Response. */
function thrownStatus(error: unknown): { status: number; code: string | null } | null {
  if (error instanceof ForbiddenError) return { status: 403, code: 'forbidden' };
  if (error && typeof error === 'object' && (error as { type?: unknown }).type === 'DataWithResponseInit') {
    const { data: body, init } = error as { data: unknown; init?: ResponseInit | null };
    const code = body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : null;
    return { status: init?.status ?? 500, code };
  }
  return null;
}

/** The message of a page-level refusal (403, 404, 400, CSRF), as the JSON answer says it. */
const PAGE_MESSAGES: Record<string, string> = { csrf: 'auth.errors.csrf', forbidden: 'care.app.forbidden', notFound: 'refusals.care.notFound', badRequest: 'errors.badRequest' };

/**
 * The phone app's offline pack (careOfflinePack, JSON): the caller's roster with the details it may edit offline
 * and the wish categories; refreshed whenever the app is online. A grid worker gets only their grids' people.
 */
export const loader = resourceRoute('json', async ({ request }: LoaderFunctionArgs) => {
  const caller = await careCaller(request);
  const pack = await runAsStaff(caller, (tx) => careOfflinePack(tx, caller));
  return json({ ...pack, owner: caller.actor.workspace.membershipId });
});

/**
 * One record of the phone app's queue (issue 20): a visit (recordVisit), a need on its own (fileCareNeed) or an
 * offline edit of a person (applyOfflineEdit: applied, or put on the conflict list when the person changed on the
 * server meanwhile). Each is keyed by the id the phone generated, so the same record sent again (a lost answer, a
 * sync repeated on reconnect, on opening the app and on becoming visible) is stored once — the id alone decides, for
 * every kind: sent again with other content it is still the record first stored (`repeated`). Answers JSON
 * (SyncAnswer), always with a message in words: 200 stored; 422 a field's problem (a 2,000-character room, a field
 * the app does not edit); 413 a body over 6 MB (`tooLarge`: the app marks the record and stops resending it); 404
 * another community's or grid's person; 403 a missing permission or an old page (`csrf`); a lost session is the
 * redirect to sign in (the app keeps the record and says so). A
 * record made by another account on the same phone (its `owner` is not the session's membership; decision 053) is
 * refused whole, 409 with code `owner`, before anything is stored: it is never stored as the signed-in user's.
 */
export const action = resourceRoute('json', async ({ request }: ActionFunctionArgs) => {
  try {
    return await syncOne(request);
  } catch (error) {
    // A redirect (signed out, no workspace) goes through: the app tells a lost session by it. Every other refusal a
    // helper throws for pages (403, 404, CSRF, 400) is JSON with its Chinese message, not "Unexpected Server Error".
    if (error instanceof Response) throw error;
    const thrown = thrownStatus(error);
    if (!thrown || thrown.status >= 500) throw error;
    const code = thrown.code === 'csrf' ? 'csrf' : thrown.status === 403 ? 'forbidden' : thrown.status === 404 ? 'notFound' : undefined;
    const key = PAGE_MESSAGES[thrown.code ?? ''] ?? (thrown.status === 403 ? PAGE_MESSAGES.forbidden! : thrown.status === 404 ? PAGE_MESSAGES.notFound! : 'errors.badRequest');
    return refuse(request, thrown.status, { id: null, key, code });
  }
});

async function syncOne(request: Request) {
  if (bodyTooLarge(request, handle)) return refuse(request, 413, { id: null, key: 'refusals.care.photo.tooLarge', code: 'tooLarge' });
  const { actor, ability, submission } = await requireSubmission(request, careSyncFormSchema, 'community');
  const caller = { actor, ability };
  const payloadId = typeof submission.payload.id === 'string' ? submission.payload.id : null;
  if (submission.status !== 'success') {
    const [field, messages] = Object.entries(submission.error ?? {}).find(([, m]) => m?.length) ?? ['', ['validation.invalid']];
    const key = schemaMessage(messages![0]!);
    return refuse(request, 422, { id: payloadId, key, params: { field, ...(key === 'refusals.resident.address.tooLong' ? { max: UNIT_ROOM_MAX } : {}) } });
  }
  const v = submission.value;
  if (v.owner !== undefined && v.owner !== actor.workspace.membershipId) return refuse(request, 409, { id: v.id, key: 'care.app.accountChanged', code: 'owner' });
  const refused = (r: Refusal) => refuse(request, r.status, { id: v.id, key: r.message, params: r.params });
  if (v.intent === 'edit') {
    const done = await actAsStaff(caller, (tx) => applyOfflineEdit(tx, caller, { id: v.id, residentId: v.residentId, ...v.edit } as Parameters<typeof applyOfflineEdit>[2]));
    if (!done.ok) return refused(done.refusal);
    return json({ ok: true, id: v.id, intent: 'edit', repeated: done.value.repeated, caseId: null, status: done.value.status } satisfies SyncAnswer);
  }
  if (v.intent === 'need') {
    const done = await actAsStaff(caller, () => fileCareNeed(db, caller, { ...v, deps: caseDeps }), { scope: ownTransactions });
    if (!done.ok) return refused(done.refusal);
    return json({ ok: true, id: v.id, intent: 'need', repeated: done.value.repeated, caseId: done.value.caseId, status: 'stored' } satisfies SyncAnswer);
  }
  const photo = v.photo ? new Uint8Array(await v.photo.arrayBuffer()) : null;
  const done = await actAsStaff(
    caller,
    () =>
      recordVisit(
        db,
        caller,
        { ...v, kind: v.kind!, visitedAt: v.visitedAt ?? new Date(), photo, offline: v.offline ?? false, needCase: v.needCategoryId && v.needContent ? { categoryId: v.needCategoryId, content: v.needContent } : null, deps: caseDeps },
      ),
    { scope: ownTransactions },
  );
  if (!done.ok) return refused(done.refusal);
  return json({ ok: true, id: v.id, intent: 'visit', repeated: done.value.repeated, caseId: done.value.caseId, status: 'stored' } satisfies SyncAnswer);
}
