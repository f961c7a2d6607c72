import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { resolvePathFor } from '@shequ/domain';
import { type AppAbility, ForbiddenError } from '@shequ/permissions';
import {
  acceptCase,
  addCaseNote,
  approveResolution,
  assignCase,
  type CaseActorRef,
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
  superviseCase,
} from '@shequ/use-cases';
import type { CaseActionForm } from '@shequ/use-cases/schemas';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';

export type CaseCall = { tenantId: string; caseId: string; actor: CaseActorRef; ability: AppAbility };

/**
 * One posted case action (the form's `intent`) → one use case. Shared by the community's and the officers' case
 * pages; the use cases decide what each person may do, whatever the page offered.
 */
export async function runCaseAction(tx: Tx, call: CaseCall, action: Exclude<CaseActionForm, { intent: 'reveal' }>) {
  switch (action.intent) {
    case 'accept':
      return acceptCase(tx, call);
    case 'assign':
      return assignCase(tx, { ...call, assigneeId: action.assigneeId || null });
    case 'note':
      return addCaseNote(tx, { ...call, body: action.body });
    case 'reply':
      return replyToResident(tx, { ...call, body: action.body });
    case 'resolve':
      // The community resolves what it holds; a street or department resolves an escalated case.
      return resolvePathFor(call.actor.kind === 'staff' ? call.actor.role : null) === 'escalated'
        ? resolveEscalatedCase(tx, { ...call, resolution: action.body })
        : resolveCase(tx, { ...call, resolution: action.body });
    case 'close':
      return closeCase(tx, call);
    case 'reject':
      return rejectCase(tx, { ...call, reason: action.reason, note: action.body });
    case 'merge':
      return mergeCase(tx, { ...call, targetCode: action.targetCode });
    case 'followUp':
      return recordFollowUp(tx, { ...call, rating: Number(action.rating), comment: action.body });
    case 'hidePhoto':
      return hideCasePhoto(tx, { ...call, photoId: action.photoId });
    case 'escalate':
      return escalateCase(tx, { ...call, reason: action.body });
    case 'forward':
      return forwardCase(tx, { ...call, leadDepartmentId: action.leadDepartmentId, coDepartmentIds: action.coDepartmentIds.filter(Boolean), note: action.body });
    case 'return':
      return returnCase(tx, { ...call, reason: action.body });
    case 'approve':
      return approveResolution(tx, call);
    case 'sendBack':
      return sendBackResolution(tx, { ...call, reason: action.body });
    case 'requestInfo':
      return requestResidentInfo(tx, { ...call, question: action.body });
    case 'supervise':
      return superviseCase(tx, { ...call, note: action.body });
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
