import { and, eq } from 'drizzle-orm';
import { normalizeTrackingCode } from '@shequ/domain';
import { caseEvents, cases, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { staffActor } from './case-actor.ts';
import type { CaseRef } from './case-action-parts.ts';
import { loadCaseRow } from './load-case-row.ts';
import { transitionCase } from './transition-case.ts';

/**
 * Merges a duplicate into another open case of the same community; both timelines say so. The duplicate's reporter
 * follows the surviving case from now on (tracking page, messages, rating: see trackCase and rateCase) and is told
 * so by SMS when they left a number. Input: the duplicate (the case) and the surviving case's `targetCode`.
 * Refuses: case.mergeTarget.invalid (beside `targetCode`), and as transitionCase.
 */
export async function mergeCase(tx: Tx, caller: StaffCaller, input: CaseRef & { targetCode: string }, now = new Date()) {
  const actor = staffActor(caller.actor);
  const code = normalizeTrackingCode(input.targetCode);
  if (!code) throw new UseCaseError('case.mergeTarget.invalid', { field: 'targetCode' });
  const [target] = await tx.select({ id: cases.id, status: cases.status }).from(cases).where(and(eq(cases.tenantId, input.tenantId), eq(cases.trackingCode, code)));
  if (!target || target.id === input.caseId || !['submitted', 'accepted'].includes(target.status)) throw new UseCaseError('case.mergeTarget.invalid', { field: 'targetCode' });
  await loadCaseRow(tx, input.tenantId, target.id, caller.ability);
  const merged = await transitionCase(tx, {
    tenantId: input.tenantId,
    caseId: input.caseId,
    actor,
    ability: caller.ability,
    action: 'merge',
    patch: () => ({ mergedIntoId: target.id, closedAt: now }),
    event: { public: true, data: { into: code } },
    now,
  });
  // Wishes merged into this one before now follow the same case: merges stay one level deep, so every reporter
  // follows the case that is actually handled (their replies, outcome, messages and rating).
  await tx.update(cases).set({ mergedIntoId: target.id }).where(and(eq(cases.tenantId, input.tenantId), eq(cases.mergedIntoId, merged.id), eq(cases.status, 'merged')));
  await tx.insert(caseEvents).values({
    tenantId: input.tenantId,
    caseId: target.id,
    actorKind: 'staff',
    actorUserId: actor.kind === 'staff' ? actor.userId : null,
    type: 'merged_in',
    public: false,
    data: { from: merged.trackingCode },
  });
  return merged;
}
