import type { Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { caseActorOf } from '../cases/case-actor.ts';
import { type CaseRef, caseText } from '../cases/case-action-parts.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { orgUnitName } from '../deadlines/policy.ts';
import { UseCaseError } from '../errors.ts';
import { unitOf } from './escalation-parts.ts';

/**
 * 上报: the community (or the worker, on a breach: an anonymous caller, the system) hands the case to its street,
 * with a reason. Input: the case, `reason`, and `overdue` (a breach marks the case overdue). Refuses:
 * case.escalateReason.required/tooLong, case.escalate.noStreet, and as transitionCase.
 */
export async function escalateCase(tx: Tx, caller: Caller, input: CaseRef & { reason: string; overdue?: boolean }, now = new Date()) {
  const actor = caseActorOf(caller);
  const reason = caseText(input.reason, 'case.escalateReason', 500);
  // Read fresh: the community may have moved to another street.
  const community = await unitOf(tx, input.tenantId);
  if (!community?.streetId) throw new UseCaseError('case.escalate.noStreet');
  const streetName = await orgUnitName(tx, community.streetId);
  return transitionCase(tx, {
    tenantId: input.tenantId,
    caseId: input.caseId,
    actor,
    ability: caller.ability,
    action: 'escalate',
    patch: (row) => ({
      holderOrgUnitId: community.streetId,
      streetId: community.streetId,
      districtId: community.districtId,
      escalatedAt: row.escalatedAt ?? now,
      ...(input.overdue ? { overdueAt: row.overdueAt ?? now } : {}),
    }),
    // The resident sees where it went; the reason is between the levels (`note`, shown to staff and in the street's notice).
    event: { public: true, data: { toName: streetName, note: reason, automatic: actor.kind === 'system' } },
    now,
  });
}
