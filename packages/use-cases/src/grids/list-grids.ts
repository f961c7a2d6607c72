import { and, asc, eq, inArray } from 'drizzle-orm';
import { buildings, grids, memberships, users, type Tx } from '@shequ/db';
import { COMMUNITY_STAFF_ROLES, compareChinese } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';

/**
 * The grid page: every grid (by name) with its grid worker's name and its buildings (in Chinese order), the
 * community's grid workers and staff (COMMUNITY_STAFF_ROLES) for the pickers, and whether the caller may change
 * grids. Inside the community's tenant transaction. Refuses: ForbiddenError unless the caller may read grids.
 */
export async function listGrids(tx: Tx, { ability }: StaffCaller, input: { communityId: string }) {
  const tenantId = input.communityId;
  assertCan(ability, 'read', subject('Grid', { tenantId, gridWorkerId: null }));
  const gridRows = await tx
    .select({ id: grids.id, name: grids.name, code: grids.code, gridWorkerId: grids.gridWorkerId, partyLeaderId: grids.partyLeaderId, worker: users.displayName })
    .from(grids)
    .leftJoin(users, eq(users.id, grids.gridWorkerId))
    .orderBy(asc(grids.name));
  const buildingRows = await tx.select({ id: buildings.id, gridId: buildings.gridId, name: buildings.name }).from(buildings).orderBy(asc(buildings.name));
  const members = await tx
    .select({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, [...COMMUNITY_STAFF_ROLES])))
    .orderBy(asc(users.displayName));
  const byName = (a: { name: string }, b: { name: string }) => compareChinese(a.name, b.name);
  return {
    canManage: ability.can('update', subject('Grid', { tenantId, gridWorkerId: null })),
    grids: gridRows.map((g) => ({ ...g, buildings: buildingRows.filter((b) => b.gridId === g.id).sort(byName) })),
    gridWorkers: members.filter((m) => m.role === 'grid_worker'),
    members: [...new Map(members.map((m) => [m.id, m])).values()],
  };
}
