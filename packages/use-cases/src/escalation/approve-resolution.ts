import { and, eq } from 'drizzle-orm';
import { cases, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, staffOnCase } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { UseCaseError } from '../errors.ts';
import { unitOf } from './escalation-parts.ts';

/**
 * 审核通过: the street accepts the department's resolution; the case is resolved for the resident, who now sees it.
 * Input: the case. Refuses: case.notFound, and as transitionCase.
 */
export async function approveResolution(tx: Tx, caller: StaffCaller, input: CaseRef, now = new Date()) {
  const [row] = await tx.select({ resolution: cases.resolution, streetId: cases.streetId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, input.caseId)));
  if (!row) throw new UseCaseError('case.notFound');
  const street = await unitOf(tx, row.streetId);
  return transitionCase(tx, {
    ...staffOnCase(caller, input),
    action: 'approve',
    patch: () => ({ resolvedAt: now, holderOrgUnitId: null }),
    event: { public: true, body: row.resolution, data: { toName: street?.name ?? '' } },
    now,
  });
}
