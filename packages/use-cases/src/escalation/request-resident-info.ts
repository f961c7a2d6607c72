import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, caseText, staffOnCase } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';

/**
 * The holder asks the resident for more information: the running time limit pauses until they answer. Input: the
 * case and the `question`. Refuses: case.question.required/tooLong, and as transitionCase.
 */
export function requestResidentInfo(tx: Tx, caller: StaffCaller, input: CaseRef & { question: string }, now = new Date()) {
  const question = caseText(input.question, 'case.question', 500);
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'requestInfo',
    patch: () => ({ awaitingResidentSince: now }),
    event: { public: true, body: question },
    now,
  });
}
