import { and, eq } from 'drizzle-orm';
import { cases, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, caseText, staffOnCase } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { unitOf } from './escalation-parts.ts';

/**
 * 审核退回: the street sends the department's resolution back to be redone. Input: the case and `reason`. Refuses:
 * case.returnReason.required/tooLong, and as transitionCase.
 */
export async function sendBackResolution(tx: Tx, caller: StaffCaller, input: CaseRef & { reason: string }, now = new Date()) {
  const reason = caseText(input.reason, 'case.returnReason', 500);
  const [row] = await tx.select({ leadDepartmentId: cases.leadDepartmentId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, input.caseId)));
  const department = await unitOf(tx, row?.leadDepartmentId ?? null);
  // The resident sees that the work goes on (金源街道审核后退回区住建局重新办理); the reason is for the department.
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'sendBack',
    patch: (r) => ({ holderOrgUnitId: r.leadDepartmentId, resolution: null }),
    event: { public: true, body: null, data: { toName: department?.name ?? '', note: reason } },
    now,
  });
}
