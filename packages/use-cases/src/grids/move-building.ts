import { and, eq } from 'drizzle-orm';
import { buildings, isUuid, residents, type Tx } from '@shequ/db';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { gridCommunity, gridOf } from './grid-values.ts';

/**
 * Moves a building (`buildingId`) to another grid (`gridId`) of the community: its future wishes route to that
 * grid's worker, and its people on the care roster get that grid's worker as their responsible one at once
 * (refreshCareRoster, decision 073), handed over with their last three visits (a hand-over record, the new worker told). Output: the building row. Refuses: ForbiddenError unless the caller may update buildings;
 * grid.notFound (beside gridId for a grid; without a field for a building that is not the community's).
 */
export async function moveBuilding(tx: Tx, caller: StaffCaller, input: { buildingId: string; gridId: string; now?: Date }) {
  const tenantId = gridCommunity(caller);
  const { buildingId, gridId } = input;
  assertCan(caller.ability, 'update', subject('Building', { tenantId, gridWorkerId: null }));
  if (!isUuid(buildingId)) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  await gridOf(tx, tenantId, gridId, 'gridId');
  const [row] = await tx.update(buildings).set({ gridId }).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, buildingId))).returning();
  if (!row) throw new UseCaseError('grid.notFound');
  const people = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.buildingId, buildingId)));
  if (people.length) await refreshCareRoster(tx, tenantId, input.now ?? new Date(), people.map((p) => p.id), caller.actor.userId);
  return row;
}
