import { cleanText, REJECT_REASONS, type RejectReason } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { type CaseRef, staffOnCase } from './case-action-parts.ts';
import { REJECT_NOTE_MAX } from './act-on-case.schema.ts';
import { transitionCase } from './transition-case.ts';

/**
 * 不予受理: input the case, a `reason` (one of REJECT_REASONS) and an optional `note` the resident reads (at most
 * REJECT_NOTE_MAX characters). Refuses: case.rejectReason.invalid (beside `reason`), case.rejectNote.tooLong (beside
 * `body`, the form's field), and as transitionCase.
 */
export function rejectCase(tx: Tx, caller: StaffCaller, input: CaseRef & { reason: string; note?: string | null }, now = new Date()) {
  if (!(REJECT_REASONS as readonly string[]).includes(input.reason)) throw new UseCaseError('case.rejectReason.invalid', { field: 'reason' });
  const note = cleanText(input.note ?? '') || null;
  // Refused, never cut short (a cut could split a character and lose what was written; t37).
  if (note && Array.from(note).length > REJECT_NOTE_MAX) throw new UseCaseError('case.rejectNote.tooLong', { field: 'body', max: REJECT_NOTE_MAX });
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'reject',
    patch: () => ({ rejectReason: input.reason as RejectReason, rejectNote: note, closedAt: now }),
    event: { public: true, body: note, data: { reason: input.reason } },
    now,
  });
}
