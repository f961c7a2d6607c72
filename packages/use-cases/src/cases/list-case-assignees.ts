import { and, asc, eq, inArray } from 'drizzle-orm';
import { memberships, users, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/**
 * The people a case of this community can be assigned to. Memberships are a reference table (no RLS), so the
 * community filter here is what keeps other communities' staff out: always go through this function. Input:
 * `tenantId`. Output: id, name and role of the community's admins, staff and grid workers, by name.
 */
export function listCaseAssignees(tx: Tx, _caller: Caller, input: { tenantId: string }) {
  return tx
    .selectDistinct({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, input.tenantId), inArray(memberships.role, ['community_admin', 'community_staff', 'grid_worker'])))
    .orderBy(asc(users.displayName));
}
