import { and, asc, eq, inArray } from 'drizzle-orm';
import { memberships, users, type Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * The people a case of the caller's own community can be assigned to (the inbox's assignee filter). Memberships are
 * a reference table (no RLS), so the community filter is what keeps other communities' staff out. Input: `tenantId`
 * (the caller's workspace). Output: id, name and role of the community's admins, staff and grid workers, by name.
 * Refuses: forbidden for a community that is not the caller's workspace.
 */
export function listCaseAssignees(tx: Tx, caller: StaffCaller, input: { tenantId: string }) {
  if (caller.actor.workspace.tenantId !== input.tenantId) throw new ForbiddenError('read', 'Case');
  return caseAssigneesOf(tx, input.tenantId);
}

/**
 * The same list for a use case that has already checked the caller's access to the community's case (getCase: an
 * officer's view of a community's case too). A building block, not exported from the package root.
 */
export function caseAssigneesOf(tx: Tx, tenantId: string) {
  return tx
    .selectDistinct({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, ['community_admin', 'community_staff', 'grid_worker'])))
    .orderBy(asc(users.displayName));
}
