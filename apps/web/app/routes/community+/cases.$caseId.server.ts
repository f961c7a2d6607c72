import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { resolvePathFor } from '@shequ/domain';
import type { AppAbility } from '@shequ/permissions';
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

export type CaseCall = { tenantId: string; caseId: string; actor: CaseActorRef; ability: AppAbility };

/**
 * One posted case action (the form's `intent`) → one use case. Shared by the community's and the officers' case
 * pages; the use cases decide what each person may do, whatever the page offered.
 */
export async function runCaseAction(tx: Tx, call: CaseCall, intent: string, form: FormData) {
  const field = (name: string) => String(form.get(name) ?? '');
  switch (intent) {
    case 'accept':
      return acceptCase(tx, call);
    case 'assign':
      return assignCase(tx, { ...call, assigneeId: field('assigneeId') || null });
    case 'note':
      return addCaseNote(tx, { ...call, body: field('body') });
    case 'reply':
      return replyToResident(tx, { ...call, body: field('body') });
    case 'resolve':
      // The community resolves what it holds; a street or department resolves an escalated case.
      return resolvePathFor(call.actor.kind === 'staff' ? call.actor.role : null) === 'escalated'
        ? resolveEscalatedCase(tx, { ...call, resolution: field('body') })
        : resolveCase(tx, { ...call, resolution: field('body') });
    case 'close':
      return closeCase(tx, call);
    case 'reject':
      return rejectCase(tx, { ...call, reason: field('reason'), note: field('body') });
    case 'merge':
      return mergeCase(tx, { ...call, targetCode: field('targetCode') });
    case 'followUp':
      return recordFollowUp(tx, { ...call, rating: Number(field('rating')), comment: field('body') });
    case 'hidePhoto':
      return hideCasePhoto(tx, { ...call, photoId: field('photoId') });
    case 'escalate':
      return escalateCase(tx, { ...call, reason: field('body') });
    case 'forward':
      return forwardCase(tx, { ...call, leadDepartmentId: field('leadDepartmentId'), coDepartmentIds: form.getAll('coDepartmentIds').map(String).filter(Boolean), note: field('body') });
    case 'return':
      return returnCase(tx, { ...call, reason: field('body') });
    case 'approve':
      return approveResolution(tx, call);
    case 'sendBack':
      return sendBackResolution(tx, { ...call, reason: field('body') });
    case 'requestInfo':
      return requestResidentInfo(tx, { ...call, question: field('body') });
    case 'supervise':
      return superviseCase(tx, { ...call, note: field('body') });
    default:
      throw data({ code: 'badRequest' }, { status: 400 });
  }
}
