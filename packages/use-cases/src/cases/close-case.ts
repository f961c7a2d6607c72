import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, staffOnCase } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/** Closes a resolved case on the office's word (结案). Input: the case. Refuses as transitionCase. */
export function closeCase(tx: Tx, caller: StaffCaller, input: CaseRef, now = new Date()) {
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'close',
    patch: () => ({ closedAt: now, closeKind: 'staff' }),
    event: { public: true },
    now,
  });
}
