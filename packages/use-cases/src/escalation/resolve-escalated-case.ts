import { and, eq } from 'drizzle-orm';
import { cases, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { type CaseRef, caseText, staffOnCase } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { orgUnitName } from '../deadlines/policy.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Resolution by a street (final) or by a department (to its street for review). Input: the case and its
 * `resolution`. Refuses: case.resolution.required/tooLong, case.notFound, and as transitionCase.
 */
export async function resolveEscalatedCase(tx: Tx, caller: StaffCaller, input: CaseRef & { resolution: string }, now = new Date()) {
  const resolution = caseText(input.resolution, 'case.resolution', 2000);
  const [level] = await tx.select({ status: cases.status, streetId: cases.streetId }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.id, input.caseId)));
  if (!level) throw new UseCaseError('case.notFound');
  const base = { ...staffOnCase(caller, input), action: 'resolve' as const, now };
  // A department's resolution waits for the street's review before the resident reads it: the resident sees the
  // step (区住建局已办结，提交金源街道审核), the words go to the street as `note` until it approves them.
  if (level.status === 'forwarded') {
    const streetName = await orgUnitName(tx, level.streetId);
    return transitionCase(tx, { ...base, patch: (row) => ({ resolution, holderOrgUnitId: row.streetId }), event: { public: true, body: null, data: { toName: streetName, note: resolution } } });
  }
  return transitionCase(tx, { ...base, patch: () => ({ resolution, resolvedAt: now, holderOrgUnitId: null }), event: { public: true, body: resolution } });
}
