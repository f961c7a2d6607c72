import { and, eq } from 'drizzle-orm';
import { enterTenant, orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';
import { slaPolicy, workingCalendar } from '../deadlines/policy.ts';
import { pauseDeadlines, resumeDeadlines } from '../deadlines/store.ts';

/**
 * Suspends or reactivates a community. Suspended: residents see a notice instead of the form, staff can read but
 * not act (their ability is read-only), the worker's sweeps skip it, and its running time limits pause. Written to the community's audit log.
 * Caller: an operator. Input: `{ communityId, status }`.
 */
export async function setCommunityStatus(tx: Tx, { actor, ability }: StaffCaller, { communityId, status }: { communityId: string; status: 'active' | 'suspended' }) {
  const [community] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  if (!community || community.status === 'archived') throw new UseCaseError('community.notFound');
  assertCan(ability, 'update', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  if (community.status === status) return community;
  const [updated] = await tx.update(orgUnits).set({ status }).where(eq(orgUnits.id, communityId)).returning();
  await enterTenant(tx, communityId);
  // Timers pause while a community is suspended and resume with the working time they had left.
  const now = new Date();
  const ctx = { calendar: await workingCalendar(tx), policy: await slaPolicy(tx, communityId, null) };
  if (status === 'suspended') await pauseDeadlines(tx, ctx, { communityId }, now);
  else await resumeDeadlines(tx, ctx, { communityId }, now);
  await recordAuditEvent(tx, { tenantId: communityId, actorUserId: actor.userId, action: status === 'suspended' ? 'community_suspended' : 'community_reactivated', subjectType: 'Community', subjectId: communityId });
  return updated!;
}
