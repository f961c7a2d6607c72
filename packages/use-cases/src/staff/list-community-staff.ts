import { and, asc, eq, inArray } from 'drizzle-orm';
import { type AccountActor, COMMUNITY_STAFF_ROLES, decideAccountAction, maskMobile } from '@shequ/domain';
import { grids, memberships, users, type Tx } from '@shequ/db';
import { listInvitations } from '../accounts/invitations.ts';
import { membershipPlacesOf } from '../accounts/account-places.ts';



/**
 * The people holding a role in a community, with mobile numbers masked. With `actor`, each row says whether that
 * actor may issue a password-reset link for the person (`mayReset`, the domain's account rule: not when the person
 * also holds a role anywhere outside the actor's reach), so the page offers only what the server will accept.
 */
export async function listCommunityStaff(tx: Tx, tenantId: string, actor?: AccountActor) {
  const rows = await tx
    .select({ membershipId: memberships.id, userId: users.id, displayName: users.displayName, mobile: users.mobile, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, [...COMMUNITY_STAFF_ROLES])))
    .orderBy(asc(memberships.role), asc(users.displayName));
  const userIds = [...new Set(rows.map((r) => r.userId))];
  const places = actor ? await membershipPlacesOf(tx, userIds) : new Map();
  return rows.map(({ mobile, ...r }) => ({
    ...r,
    mobile: mobile ? maskMobile(mobile) : null,
    mayReset: actor ? decideAccountAction(actor, 'resetPassword', { userId: r.userId, memberships: places.get(r.userId) ?? [] }).allowed : false,
  }));
}

/**
 * What a community admin's staff page shows: the people holding a role (with mayReset), the invitations sent and
 * whether each was accepted, and the community's grids (to hand to a grid worker being invited).
 */
export async function communityStaffOverview(tx: Tx, tenantId: string, actor: AccountActor, now = new Date()) {
  const [staff, sent, gridRows] = await Promise.all([
    listCommunityStaff(tx, tenantId, actor),
    listInvitations(tx, [tenantId], now),
    tx.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.tenantId, tenantId)).orderBy(asc(grids.name)),
  ]);
  return { staff, invitations: sent, grids: gridRows };
}
