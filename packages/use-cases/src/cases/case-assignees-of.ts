import { and, asc, eq, inArray } from 'drizzle-orm';
import { memberships, users, type Tx } from '@shequ/db';

/**
 * The people a community's case can be assigned to, for a use case that has already checked the caller's access to
 * the case (getCase: an officer's view of a community's case too; listCaseAssignees after its own check). Memberships
 * are a reference table (no RLS): the community filter here is what keeps other communities' staff out. A building
 * block, not exported from the package root.
 * Input: the community's tenant id. Output: id, name and role of its admins, staff and grid workers, by name.
 */
export function caseAssigneesOf(tx: Tx, tenantId: string) {
  return tx
    .selectDistinct({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, ['community_admin', 'community_staff', 'grid_worker'])))
    .orderBy(asc(users.displayName));
}
