import { grids, isUniqueViolation, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { type GridInput, gridCommunity, validGrid } from './grid-values.ts';

/**
 * A new grid in the caller's community (the grid page). Input: name (1–40 characters), code (15 digits or empty),
 * gridWorkerId (a grid worker of the community), partyLeaderId (a member of the community). Output: the grid row.
 * Refuses: ForbiddenError unless the caller may create grids; grid.name.invalid, grid.code.invalid,
 * grid.gridWorkerId.invalid, grid.partyLeaderId.invalid (beside their field); grid.name.taken.
 */
export async function createGrid(tx: Tx, caller: StaffCaller, input: GridInput) {
  const tenantId = gridCommunity(caller);
  assertCan(caller.ability, 'create', subject('Grid', { tenantId, gridWorkerId: null }));
  const values = await validGrid(tx, tenantId, input);
  try {
    const [row] = await tx.insert(grids).values({ tenantId, ...values }).returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UseCaseError('grid.name.taken', { field: 'name' });
    throw error;
  }
}
