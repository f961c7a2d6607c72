import { and, eq } from 'drizzle-orm';
import { grids, isUniqueViolation, isUuid, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { forgetCommunityFacts } from '../deadlines/policy.ts';
import type { StaffCaller } from '../caller.ts';
import { transferGridCare } from '../care/hand-over.ts';
import { UseCaseError } from '../errors.ts';
import { type GridInput, gridCommunity, validGrid } from './grid-values.ts';

/**
 * Changes one of the community's grids: input `gridId` and the grid's fields as for createGrid. A new grid worker
 * takes over the grid's care recipients with their last visits (decision 039). Output: the grid row.
 * Refuses: ForbiddenError unless the caller may update grids; grid.notFound (no such grid in the community); the
 * field refusals of createGrid; grid.name.taken.
 */
export async function updateGrid(tx: Tx, caller: StaffCaller, input: GridInput & { gridId: string }) {
  const tenantId = gridCommunity(caller);
  const { gridId } = input;
  assertCan(caller.ability, 'update', subject('Grid', { tenantId, gridWorkerId: null }));
  if (!isUuid(gridId)) throw new UseCaseError('grid.notFound');
  const values = await validGrid(tx, tenantId, input);
  try {
    const [previous] = await tx.select({ gridWorkerId: grids.gridWorkerId }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, gridId))).for('update');
    const [row] = await tx.update(grids).set(values).where(and(eq(grids.tenantId, tenantId), eq(grids.id, gridId))).returning();
    if (!row || !previous) throw new UseCaseError('grid.notFound');
    if (previous.gridWorkerId !== row.gridWorkerId && row.gridWorkerId) {
      await transferGridCare(tx, { tenantId, gridId: row.id, fromUserId: previous.gridWorkerId, toUserId: row.gridWorkerId, byUserId: null, now: new Date() });
    }
    forgetCommunityFacts(tenantId); // intake's cached grid workers (deadlines/policy.ts)
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UseCaseError('grid.name.taken', { field: 'name' });
    throw error;
  }
}
