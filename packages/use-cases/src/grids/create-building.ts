import { cleanText, normalizeTyped } from '@shequ/domain';
import { buildings, isUniqueViolation, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { ensureQrCodes } from '../qr/ensure-qr-codes.ts';
import { gridCommunity, gridOf } from './grid-values.ts';

/**
 * A new building in one of the community's grids; it gets its own QR code at once. Input: name (1–40 characters),
 * gridId. Output: the building row. Refuses: ForbiddenError unless the caller may create buildings;
 * grid.buildingName.invalid; grid.notFound (beside gridId); grid.buildingName.taken.
 */
export async function createBuilding(tx: Tx, caller: StaffCaller, input: { name: string; gridId: string }) {
  const tenantId = gridCommunity(caller);
  assertCan(caller.ability, 'create', subject('Building', { tenantId, gridWorkerId: null }));
  const name = cleanText(normalizeTyped(input.name ?? ''));
  if (!name || Array.from(name).length > 40) throw new UseCaseError('grid.buildingName.invalid', { field: 'name' });
  const grid = await gridOf(tx, tenantId, input.gridId, 'gridId');
  try {
    const [row] = await tx.insert(buildings).values({ tenantId, gridId: grid.id, name }).returning();
    await ensureQrCodes(tx, tenantId);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UseCaseError('grid.buildingName.taken', { field: 'name' });
    throw error;
  }
}
