import { and, eq } from 'drizzle-orm';
import { cases, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, caseText, staffOnCase } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { UseCaseError } from '../errors.ts';
import { unitOf } from './escalation-parts.ts';

/**
 * 退回: the street back to the community, or a department back to the street, with instructions. Input: the case
 * and `reason`. Refuses: case.returnReason.required/tooLong, case.notFound, and as transitionCase.
 */
export async function returnCase(tx: Tx, caller: StaffCaller, input: CaseRef & { reason: string }, now = new Date()) {
  const reason = caseText(input.reason, 'case.returnReason', 500);
  const [level] = await tx.select({ status: cases.status, streetId: cases.streetId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, input.caseId)));
  if (!level) throw new UseCaseError('case.notFound');
  const to = await unitOf(tx, level.status === 'escalated' ? input.tenantId : level.streetId);
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'return',
    patch: (row) => (row.status === 'escalated' ? { holderOrgUnitId: null } : { holderOrgUnitId: row.streetId, leadDepartmentId: null, coDepartmentIds: [] }),
    // The resident sees where it went; the instructions are between the levels.
    event: { public: true, data: { toName: to?.name ?? '', note: reason } },
    now,
  });
}
