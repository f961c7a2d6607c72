import { and, desc, eq, isNull } from 'drizzle-orm';
import { invitations, orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { reissueInvitationLink } from '../accounts/invitations.ts';

/**
 * A new link for a community's admin invitation that has not been accepted yet (7 days from now); the previous link
 * stops working. Refused: onboarding.notFound, onboarding.noPendingAdmin, or a permission refusal.
 * Caller: an operator (or an officer who may onboard into the community's street). Input: `{ communityId }`.
 */
export async function reissueInvitation(tx: Tx, { actor, ability }: StaffCaller, { communityId }: { communityId: string }) {
  const [community] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  if (!community) throw new UseCaseError('onboarding.notFound');
  assertCan(ability, 'onboard', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  const [pending] = await tx
    .select({ id: invitations.id, name: invitations.inviteeName })
    .from(invitations)
    .where(and(eq(invitations.orgUnitId, communityId), eq(invitations.role, 'community_admin'), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt))
    .limit(1);
  if (!pending) throw new UseCaseError('onboarding.noPendingAdmin');
  const { token, expiresAt } = await reissueInvitationLink(tx, pending.id, actor.userId);
  return { token, expiresAt, adminName: pending.name, communityName: community.name };
}
