import { and, eq } from 'drizzle-orm';
import { servicePosts, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type ServicePostLeaderFields, servicePostLeaderInputSchema } from './partners.schema.ts';
import { checkPostLeader } from './post-leader.ts';
import { communityOf } from './shared.ts';

/**
 * Changes a post's leader and its party-member requirement (the same checks as publishing: checkPostLeader).
 * Input: `postId`, `leaderResidentId` (null: no leader), `requiresPartyLeader`. Output `{ id }`.
 * Refuses: partner.notFound; partner.leader.required / notEligible / notPartyMember; forbidden.
 */
export async function setServicePostLeader(tx: Tx, caller: StaffCaller, input: ServicePostLeaderFields) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('PartnerUnit', { tenantId }));
  const p = parseInput(servicePostLeaderInputSchema, input);
  const [post] = await tx.select({ id: servicePosts.id }).from(servicePosts).where(and(eq(servicePosts.tenantId, tenantId), eq(servicePosts.id, p.postId))).for('update');
  if (!post) throw new UseCaseError('partner.notFound');
  const leaderResidentId = await checkPostLeader(tx, caller, tenantId, p);
  await tx
    .update(servicePosts)
    .set({ leaderResidentId, requiresPartyLeader: Boolean(p.requiresPartyLeader) })
    .where(and(eq(servicePosts.tenantId, tenantId), eq(servicePosts.id, post.id)));
  return { id: post.id };
}
