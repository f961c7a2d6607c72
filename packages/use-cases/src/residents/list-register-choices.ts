import { and, asc, eq } from 'drizzle-orm';
import { buildings, grids, type Tx } from '@shequ/db';
import { compareChinese } from '@shequ/domain';
import { ForbiddenError } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, registerScope } from './person.ts';
import { listResidentTags } from './list-resident-tags.ts';

/**
 * What the register's forms and filters offer: the community's tags (with their counts), and the grids and
 * buildings the caller may place people in and filter by (a grid worker: their own grids; buildings in Chinese
 * order, 2栋 before 10栋). Inside the community's tenant transaction.
 * Output: `{ tags: { id, name, people }[], grids: { id, name }[], buildings: { id, name, gridId }[], wholeRegister }`.
 * Refuses: forbidden (a role without the register).
 */
export async function listRegisterChoices(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  const scope = registerScope(caller, tenantId);
  if (scope === null) throw new ForbiddenError('read', 'Resident');
  const tags = await listResidentTags(tx, caller);
  const gridRows = await tx.select({ id: grids.id, name: grids.name }).from(grids).where(and(eq(grids.tenantId, tenantId), scope)).orderBy(asc(grids.name));
  const buildingRows = await tx
    .select({ id: buildings.id, name: buildings.name, gridId: buildings.gridId })
    .from(buildings)
    .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
    .where(and(eq(buildings.tenantId, tenantId), scope));
  return { tags, grids: gridRows, buildings: buildingRows.sort((a, b) => compareChinese(a.name, b.name)), wholeRegister: scope === undefined };
}
