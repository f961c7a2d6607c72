import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { applyOfflineEdit, careOfflinePack, fileCareNeed, recordVisit } from '@shequ/use-cases';
import { careSyncFormSchema } from '@shequ/use-cases/schemas';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { schemaMessage, ownTransactions, careCaller } from './care.server.ts';

/** Bodies above this are refused before parsing: one photo of 5 MB plus the fields, with room for multipart overhead. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** What the phone app is told about one record it sent: stored (or stored before), or refused with a message key. */
export type SyncAnswer =
  | { ok: true; id: string; intent: 'visit' | 'need' | 'edit'; repeated: boolean; caseId: string | null; status: 'stored' | 'applied' | 'conflict' | 'resolved' }
  | { ok: false; id: string | null; message: string; params: Record<string, string | number>; code?: 'owner' };

/** A resource route answers a Response (JSON), never Remix's data envelope. */
const answer = (body: SyncAnswer, init?: ResponseInit) => Response.json(body, { ...init, headers: { 'Cache-Control': 'no-store' } });

/**
 * The phone app's offline pack (careOfflinePack, JSON): the caller's roster with the details it may edit offline
 * and the wish categories; refreshed whenever the app is online. A grid worker gets only their grids' people.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const pack = await runAsStaff(caller, (tx) => careOfflinePack(tx, caller));
  return Response.json({ ...pack, owner: caller.actor.workspace.membershipId }, { headers: { 'Cache-Control': 'no-store' } });
}

/**
 * One record of the phone app's queue (issue 20): a visit (recordVisit), a need on its own (fileCareNeed) or an
 * offline edit of a person (applyOfflineEdit: applied, or put on the conflict list when the person changed on the
 * server meanwhile). Each is keyed by the id the phone generated, so the same record sent again (a lost answer, a
 * sync repeated on reconnect, on opening the app and on becoming visible) is stored once. Answers JSON (SyncAnswer):
 * 200 stored, or the refusal's status with its message key; another community's or grid's person is the 404 page,
 * a missing permission the 403 page, a lost session the sign-in page (the app keeps the record and says so). A
 * record made by another account on the same phone (its `owner` is not the session's membership; decision 053) is
 * refused whole, 409 with code `owner`, before anything is stored: it is never stored as the signed-in user's.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) return answer({ ok: false, id: null, message: 'refusals.intake.photos.tooLarge', params: { maxMb: 5 } }, { status: 413 });
  const { actor, ability, submission } = await requireSubmission(request, careSyncFormSchema, 'community');
  const caller = { actor, ability };
  if (submission.status !== 'success') {
    const first = schemaMessage(Object.values(submission.error ?? {}).find((m) => m?.length)?.[0] ?? 'validation.invalid');
    return answer({ ok: false, id: typeof submission.payload.id === 'string' ? submission.payload.id : null, message: first, params: {} }, { status: 422 });
  }
  const v = submission.value;
  if (v.owner !== undefined && v.owner !== actor.workspace.membershipId) return answer({ ok: false, id: v.id, message: 'care.app.accountChanged', params: {}, code: 'owner' }, { status: 409 });
  if (v.intent === 'edit') {
    const done = await actAsStaff(caller, (tx) => applyOfflineEdit(tx, caller, { id: v.id, residentId: v.residentId, ...v.edit } as Parameters<typeof applyOfflineEdit>[2]));
    if (!done.ok) return answer({ ok: false, id: v.id, message: done.refusal.message, params: done.refusal.params }, { status: done.refusal.status });
    return answer({ ok: true, id: v.id, intent: 'edit', repeated: done.value.repeated, caseId: null, status: done.value.status });
  }
  if (v.intent === 'need') {
    const done = await actAsStaff(caller, () => fileCareNeed(db, caller, v, caseDeps), { scope: ownTransactions });
    if (!done.ok) return answer({ ok: false, id: v.id, message: done.refusal.message, params: done.refusal.params }, { status: done.refusal.status });
    return answer({ ok: true, id: v.id, intent: 'need', repeated: done.value.repeated, caseId: done.value.caseId, status: 'stored' });
  }
  const photo = v.photo ? new Uint8Array(await v.photo.arrayBuffer()) : null;
  const done = await actAsStaff(
    caller,
    () =>
      recordVisit(
        db,
        caller,
        { ...v, visitedAt: v.visitedAt ?? new Date(), photo, offline: v.offline ?? false, needCase: v.needCategoryId && v.needContent ? { categoryId: v.needCategoryId, content: v.needContent } : null },
        caseDeps,
      ),
    { scope: ownTransactions },
  );
  if (!done.ok) return answer({ ok: false, id: v.id, message: done.refusal.message, params: done.refusal.params }, { status: done.refusal.status });
  return answer({ ok: true, id: v.id, intent: 'visit', repeated: done.value.repeated, caseId: done.value.caseId, status: 'stored' });
}
