import { expandBuildingNames, MAX_BUILDINGS_AT_ONCE } from '@shequ/domain';
import { buildings, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { ensureQrCodes } from '../qr/ensure-qr-codes.ts';
import { gridCommunity, gridOf } from './grid-values.ts';

/**
 * Several buildings in one step: `names` as typed, a list and/or ranges ("1-12栋", "13栋、15栋", see
 * expandBuildingNames), into the grid `gridId`. Names the community already has are skipped, not refused, so the
 * same range can be sent again. Each new building gets its QR code. Output: the names created and the names
 * skipped, in the order typed. Refuses: ForbiddenError unless the caller may create buildings; an empty or
 * unreadable list (grid.buildingNames.*, beside name), more than MAX_BUILDINGS_AT_ONCE; grid.notFound (beside gridId).
 */
export async function createBuildings(tx: Tx, caller: StaffCaller, input: { names: string; gridId: string }) {
  const tenantId = gridCommunity(caller);
  assertCan(caller.ability, 'create', subject('Building', { tenantId, gridWorkerId: null }));
  const expanded = expandBuildingNames(input.names ?? '');
  if ('problem' in expanded) throw new UseCaseError(`grid.buildingNames.${expanded.problem}`, { field: 'name', max: MAX_BUILDINGS_AT_ONCE });
  const grid = await gridOf(tx, tenantId, input.gridId, 'gridId');
  const created = await tx
    .insert(buildings)
    .values(expanded.names.map((name) => ({ tenantId, gridId: grid.id, name })))
    .onConflictDoNothing()
    .returning({ name: buildings.name });
  if (created.length) await ensureQrCodes(tx, tenantId);
  const made = new Set(created.map((c) => c.name));
  return { created: expanded.names.filter((n) => made.has(n)), skipped: expanded.names.filter((n) => !made.has(n)) };
}
