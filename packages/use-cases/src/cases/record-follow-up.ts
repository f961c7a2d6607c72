import { cleanText } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { type CaseRef, staffOnCase } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/**
 * A phone follow-up (回访): staff record the resident's answer and close the case. Input: the case, the `rating`
 * (1–5) and an optional `comment`. Refuses: case.rating.invalid (beside `rating`), and as transitionCase.
 */
export function recordFollowUp(tx: Tx, caller: StaffCaller, input: CaseRef & { rating: number; comment?: string | null }, now = new Date()) {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new UseCaseError('case.rating.invalid', { field: 'rating' });
  const comment = cleanText(input.comment ?? '') || null;
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'followUp',
    patch: () => ({ rating: input.rating, ratingComment: comment, closedAt: now, closeKind: 'follow_up' }),
    event: { public: true, body: comment, data: { rating: input.rating } },
    now,
  });
}
