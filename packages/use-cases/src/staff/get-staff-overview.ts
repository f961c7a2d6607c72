import { asc, eq } from 'drizzle-orm';
import { grids, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { accountActorOf } from '../accounts/account-places.ts';
import { listInvitations } from '../accounts/invitations.ts';
import type { StaffCaller } from '../caller.ts';
import { listCommunityStaff } from './list-community-staff.ts';
import { staffCommunity } from './staff-community.ts';

/**
 * What a community admin's staff page shows (issue 13): the people holding a role in the caller's community (mobile
 * masked, and `mayReset`: whether the caller may issue them a password-reset link, the domain's account rule), the
 * invitations sent and whether each was accepted, and the community's grids (to hand to a grid worker being invited).
 * Input: nothing. Output: `{ staff, invitations, grids }`. Refuses: ForbiddenError unless the caller may manage the
 * community's staff memberships.
 */
export async function getStaffOverview(tx: Tx, caller: StaffCaller, _input: Record<string, never> = {}, now = new Date()) {
  const tenantId = staffCommunity(caller);
  assertCan(caller.ability, 'manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: 'community_staff' }));
  const [staff, sent, gridRows] = await Promise.all([
    listCommunityStaff(tx, tenantId, accountActorOf(caller.actor.userId, caller.actor.workspace)),
    listInvitations(tx, [tenantId], now),
    tx.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.tenantId, tenantId)).orderBy(asc(grids.name)),
  ]);
  return { staff, invitations: sent, grids: gridRows };
}
