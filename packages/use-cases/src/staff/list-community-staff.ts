import { and, asc, eq, inArray } from 'drizzle-orm';
import { type AccountActor, COMMUNITY_STAFF_ROLES, decideAccountAction, maskMobile } from '@shequ/domain';
import { memberships, users, type Tx } from '@shequ/db';
import { membershipPlacesOf } from '../accounts/account-places.ts';

// A building block of the staff page's use cases (get-staff-overview.ts, issue-staff-password-reset.ts). Not a use case.

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
