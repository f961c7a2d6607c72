import { and, asc, eq, inArray } from 'drizzle-orm';
import { maskMobile } from '@shequ/domain';
import { memberships, users, type Tx } from '@shequ/db';

const COMMUNITY_ROLES = ['community_admin', 'community_staff', 'grid_worker', 'volunteer_leader'] as const;

/** The people holding a role in a community, with mobile numbers masked. */
export async function listCommunityStaff(tx: Tx, tenantId: string) {
  const rows = await tx
    .select({ membershipId: memberships.id, userId: users.id, displayName: users.displayName, mobile: users.mobile, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, [...COMMUNITY_ROLES])))
    .orderBy(asc(memberships.role), asc(users.displayName));
  return rows.map(({ mobile, ...r }) => ({ ...r, mobile: mobile ? maskMobile(mobile) : null }));
}
