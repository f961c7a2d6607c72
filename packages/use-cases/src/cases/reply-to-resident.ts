import { and, eq } from 'drizzle-orm';
import { cases, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { orgUnitName } from '../deadlines/policy.ts';
import { type CaseRef, caseText, staffOnCase } from './case-action-parts.ts';
import { transitionCase } from './transition-case.ts';

/**
 * A public reply: the resident sees it on the tracking page, without the staff member's name but with the unit
 * that answered when it is a street or department holding the case. Input: the case and `body`. Refuses:
 * case.reply.required/tooLong, and as transitionCase.
 */
export async function replyToResident(tx: Tx, caller: StaffCaller, input: CaseRef & { body: string }, now = new Date()) {
  const body = caseText(input.body, 'case.reply');
  const [row] = await tx.select({ holder: cases.holderOrgUnitId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, input.caseId)));
  const fromName = row?.holder ? await orgUnitName(tx, row.holder) : '';
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'reply',
    event: { public: true, body, data: fromName ? { fromName } : {} },
    now,
  });
}
