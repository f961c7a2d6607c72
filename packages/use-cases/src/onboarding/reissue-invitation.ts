import { and, eq, isNull } from 'drizzle-orm';
import { memberships, orgUnits, users, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { issueInvitation } from './onboard-community.ts';

/** A new invitation link for a community admin who has not set a password yet; the previous link stops working. */
export async function reissueInvitation(tx: Tx, ability: AppAbility, actorUserId: string, communityId: string) {
  const [community] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, communityId), eq(orgUnits.kind, 'community')));
  if (!community) throw new UseCaseError('onboarding.notFound');
  assertCan(ability, 'onboard', subject('Community', { id: community.id, streetId: community.streetId!, districtId: community.districtId! }));
  const [pending] = await tx
    .select({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, communityId), eq(memberships.role, 'community_admin'), isNull(users.passwordHash)))
    .limit(1);
  if (!pending) throw new UseCaseError('onboarding.noPendingAdmin');
  const { token, expiresAt } = await issueInvitation(tx, pending.id, actorUserId);
  return { token, expiresAt, adminName: pending.name, communityName: community.name };
}
