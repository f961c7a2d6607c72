import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, caseText, staffOnCase } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/** An internal note on a case (staff only see it): input the case and `body`. Refuses: case.note.required/tooLong, and as transitionCase. */
export function addCaseNote(tx: Tx, caller: StaffCaller, input: CaseRef & { body: string }, now = new Date()) {
  const body = caseText(input.body, 'case.note');
  return transitionCase(tx, { ...staffOnCase(caller, input), action: 'note', event: { public: false, body }, now });
}
