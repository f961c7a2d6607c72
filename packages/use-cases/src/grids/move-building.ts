import { and, eq } from 'drizzle-orm';
import { buildings, isUuid, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { gridCommunity, gridOf } from './grid-values.ts';

/**
 * Moves a building (`buildingId`) to another grid (`gridId`) of the community: its future wishes route to that
 * grid's worker. Output: the building row. Refuses: ForbiddenError unless the caller may update buildings;
 * grid.notFound (beside gridId for a grid; without a field for a building that is not the community's).
 */
export async function moveBuilding(tx: Tx, caller: StaffCaller, input: { buildingId: string; gridId: string }) {
  const tenantId = gridCommunity(caller);
  const { buildingId, gridId } = input;
  assertCan(caller.ability, 'update', subject('Building', { tenantId, gridWorkerId: null }));
  if (!isUuid(buildingId)) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  await gridOf(tx, tenantId, gridId, 'gridId');
  const [row] = await tx.update(buildings).set({ gridId }).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, buildingId))).returning();
  if (!row) throw new UseCaseError('grid.notFound');
  return row;
}
