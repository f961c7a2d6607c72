import type { Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { caseActorOf } from '../cases/case-actor.ts';
import { type CaseRef, caseText } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';

/**
 * 督办: a district officer's supervision notice to whoever holds the case (or the worker's, an anonymous caller, on a
 * breach). Input: the case, the `note`, and `overdue` (a breach marks the case overdue). Refuses:
 * case.supervision.required/tooLong, and as transitionCase.
 */
export function superviseCase(tx: Tx, caller: Caller, input: CaseRef & { note: string; overdue?: boolean }, now = new Date()) {
  const note = caseText(input.note, 'case.supervision', 500);
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId: input.caseId,
    actor: caseActorOf(caller),
    ability: caller.ability,
    action: 'supervise',
    patch: (row) => ({ supervisedAt: now, ...(input.overdue ? { overdueAt: row.overdueAt ?? now } : {}) }),
    event: { public: false, body: note },
    now,
  });
}
