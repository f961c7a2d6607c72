import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { resolvePathFor } from '@shequ/domain';
import { ForbiddenError } from '@shequ/permissions';
import {
  acceptCase,
  addCaseNote,
  approveResolution,
  assignCase,
  closeCase,
  escalateCase,
  forwardCase,
  hideCasePhoto,
  mergeCase,
  recordFollowUp,
  rejectCase,
  replyToResident,
  requestResidentInfo,
  resolveCase,
  resolveEscalatedCase,
  returnCase,
  sendBackResolution,
  REFUSAL_CODES,
  type RefusalCode,
  type StaffCaller,
  superviseCase,
} from '@shequ/use-cases';
import type { CaseActionForm } from '@shequ/use-cases/schemas';
import { badRequest, forbidden, notFound } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';

/** Which case a posted action is on. */
type CaseRef = { tenantId: string; caseId: string };

/**
 * One posted case action (the form's `intent`) → one use case. Shared by the community's and the officers' case
 * pages; the use cases decide what each person may do, whatever the page offered.
 */
export async function runCaseAction(tx: Tx, caller: StaffCaller, ref: CaseRef, action: Exclude<CaseActionForm, { intent: 'reveal' }>) {
  switch (action.intent) {
    case 'accept':
      return acceptCase(tx, caller, ref);
    case 'assign':
      return assignCase(tx, caller, { ...ref, assigneeId: action.assigneeId || null });
    case 'note':
      return addCaseNote(tx, caller, { ...ref, body: action.body });
    case 'reply':
      return replyToResident(tx, caller, { ...ref, body: action.body });
    case 'resolve':
      // The community resolves what it holds; a street or department resolves an escalated case.
      return resolvePathFor(caller.actor.workspace.role) === 'escalated'
        ? resolveEscalatedCase(tx, caller, { ...ref, resolution: action.body })
        : resolveCase(tx, caller, { ...ref, resolution: action.body });
    case 'close':
      return closeCase(tx, caller, ref);
    case 'reject':
      return rejectCase(tx, caller, { ...ref, reason: action.reason, note: action.body });
    case 'merge':
      return mergeCase(tx, caller, { ...ref, targetCode: action.targetCode });
    case 'followUp':
      return recordFollowUp(tx, caller, { ...ref, rating: Number(action.rating), comment: action.body });
    case 'hidePhoto':
      return hideCasePhoto(tx, caller, { ...ref, photoId: action.photoId });
    case 'escalate':
      return escalateCase(tx, caller, { ...ref, reason: action.body });
    case 'forward':
      return forwardCase(tx, caller, { ...ref, leadDepartmentId: action.leadDepartmentId, coDepartmentIds: action.coDepartmentIds.filter(Boolean), note: action.body });
    case 'return':
      return returnCase(tx, caller, { ...ref, reason: action.body });
    case 'approve':
      return approveResolution(tx, caller, ref);
    case 'sendBack':
      return sendBackResolution(tx, caller, { ...ref, reason: action.body });
    case 'requestInfo':
      return requestResidentInfo(tx, caller, { ...ref, question: action.body });
    case 'supervise':
      return superviseCase(tx, caller, { ...ref, note: action.body });
  }
}

/**
 * What a case page's action answers when its use case failed (both case pages): the 403 page for a permission
 * refusal, the 404 page for a case not (or no longer) the caller's, else the refusal's message with its status; any
 * other error is thrown on.
 */
export function caseActionRefused(error: unknown) {
  if (error instanceof ForbiddenError) forbidden();
  if (!isRefusal(error)) throw error;
  const refusal = describeRefusal(error);
  if (refusal.status === 404) notFound();
  return data({ ok: null, error: refusal.message, contact: null }, { status: refusal.status });
}

/**
 * What a case page's action answers when the posted form fails caseActionSchema: an intent that is not a case
 * action is the 400 page; a field the schema refuses (an empty reply, no reason chosen) is answered exactly as its use
 * case refuses it (the same code, status and words as caseActionRefused), since the schema's messages are the use
 * case's refusal messages (`refusals.<code>`). The browser checks the same schema before sending, so this is the
 * answer without JavaScript.
 */
export function caseActionInvalid(submission: { error?: Record<string, string[] | null | undefined> | null }) {
  const problems = Object.entries(submission.error ?? {}).filter((e): e is [string, string[]] => Boolean(e[1]?.length));
  const [field, [message]] = problems[0] ?? ['', ['']];
  const code = message!.replace(/^refusals\./, '');
  if (!field || field === 'intent' || !(REFUSAL_CODES as string[]).includes(code)) badRequest();
  const refusal = describeRefusal({ code: code as RefusalCode, params: { field } });
  return data({ ok: null, error: refusal.message, contact: null }, { status: refusal.status });
}
