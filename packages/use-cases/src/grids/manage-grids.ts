import { transferGridCare } from '../care/hand-over.ts';
import { and, eq, inArray } from 'drizzle-orm';
import { cleanText, expandBuildingNames, MAX_BUILDINGS_AT_ONCE, normalizeTyped } from '@shequ/domain';
import { buildings, grids, isUniqueViolation, isUuid, memberships, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { ensureQrCodes } from '../qr/qr-codes.ts';

/** Standard grid code: 12-digit community code + 3-digit grid number. */
const GRID_CODE = /^\d{15}$/;

export type GridInput = { name: string; code?: string | null; gridWorkerId?: string | null; partyLeaderId?: string | null };

async function checkMember(tx: Tx, tenantId: string, userId: string | null | undefined, roles: string[] | null, field: 'gridWorkerId' | 'partyLeaderId') {
  if (!userId) return;
  if (!isUuid(userId)) throw new UseCaseError(`grid.${field}.invalid`, { field });
  const where = and(eq(memberships.userId, userId), eq(memberships.orgUnitId, tenantId), roles ? inArray(memberships.role, roles as never[]) : undefined);
  const [m] = await tx.select({ id: memberships.id }).from(memberships).where(where);
  if (!m) throw new UseCaseError(`grid.${field}.invalid`, { field });
}

async function validGrid(tx: Tx, tenantId: string, input: GridInput) {
  const name = cleanText(input.name ?? '');
  if (!name || Array.from(name).length > 40) throw new UseCaseError('grid.name.invalid', { field: 'name' });
  const code = (input.code ?? '').trim() || null;
  if (code && !GRID_CODE.test(code)) throw new UseCaseError('grid.code.invalid', { field: 'code' });
  await checkMember(tx, tenantId, input.gridWorkerId, ['grid_worker'], 'gridWorkerId');
  await checkMember(tx, tenantId, input.partyLeaderId, null, 'partyLeaderId');
  return { name, code, gridWorkerId: input.gridWorkerId || null, partyLeaderId: input.partyLeaderId || null };
}

export async function createGrid(tx: Tx, ability: AppAbility, tenantId: string, input: GridInput) {
  assertCan(ability, 'create', subject('Grid', { tenantId, gridWorkerId: null }));
  const values = await validGrid(tx, tenantId, input);
  try {
    const [row] = await tx.insert(grids).values({ tenantId, ...values }).returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UseCaseError('grid.name.taken', { field: 'name' });
    throw error;
  }
}

export async function updateGrid(tx: Tx, ability: AppAbility, tenantId: string, gridId: string, input: GridInput) {
  assertCan(ability, 'update', subject('Grid', { tenantId, gridWorkerId: null }));
  if (!isUuid(gridId)) throw new UseCaseError('grid.notFound');
  const values = await validGrid(tx, tenantId, input);
  try {
    const [previous] = await tx.select({ gridWorkerId: grids.gridWorkerId }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, gridId))).for('update');
    const [row] = await tx.update(grids).set(values).where(and(eq(grids.tenantId, tenantId), eq(grids.id, gridId))).returning();
    if (!row || !previous) throw new UseCaseError('grid.notFound');
    // A new grid worker takes over the grid's care recipients with their last visits (decision 039).
    if (previous.gridWorkerId !== row.gridWorkerId && row.gridWorkerId) {
      await transferGridCare(tx, { tenantId, gridId: row.id, fromUserId: previous.gridWorkerId, toUserId: row.gridWorkerId, byUserId: null, now: new Date() });
    }
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UseCaseError('grid.name.taken', { field: 'name' });
    throw error;
  }
}

/** A new building in one of the community's grids; it gets its own QR code at once. */
export async function createBuilding(tx: Tx, ability: AppAbility, tenantId: string, input: { name: string; gridId: string }) {
  assertCan(ability, 'create', subject('Building', { tenantId, gridWorkerId: null }));
  const name = cleanText(normalizeTyped(input.name ?? ''));
  if (!name || Array.from(name).length > 40) throw new UseCaseError('grid.buildingName.invalid', { field: 'name' });
  if (!isUuid(input.gridId)) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  const [grid] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, input.gridId)));
  if (!grid) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  try {
    const [row] = await tx.insert(buildings).values({ tenantId, gridId: grid.id, name }).returning();
    await ensureQrCodes(tx, tenantId);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UseCaseError('grid.buildingName.taken', { field: 'name' });
    throw error;
  }
}

/**
 * Several buildings in one step: `names` as typed, a list and/or ranges ("1-12栋", "13栋、15栋", see
 * expandBuildingNames). Names the community already has are skipped, not refused, so the same range can be sent
 * again. Each new building gets its QR code. Output: the names created and the names skipped, in the order typed.
 * Refuses an empty or unreadable list (grid.buildingNames.*), an unknown grid, and more than MAX_BUILDINGS_AT_ONCE.
 */
export async function createBuildings(tx: Tx, ability: AppAbility, tenantId: string, input: { names: string; gridId: string }) {
  assertCan(ability, 'create', subject('Building', { tenantId, gridWorkerId: null }));
  const expanded = expandBuildingNames(input.names ?? '');
  if ('problem' in expanded) throw new UseCaseError(`grid.buildingNames.${expanded.problem}`, { field: 'name', max: MAX_BUILDINGS_AT_ONCE });
  if (!isUuid(input.gridId)) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  const [grid] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, input.gridId)));
  if (!grid) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  const created = await tx
    .insert(buildings)
    .values(expanded.names.map((name) => ({ tenantId, gridId: grid.id, name })))
    .onConflictDoNothing()
    .returning({ name: buildings.name });
  if (created.length) await ensureQrCodes(tx, tenantId);
  const made = new Set(created.map((c) => c.name));
  return { created: expanded.names.filter((n) => made.has(n)), skipped: expanded.names.filter((n) => !made.has(n)) };
}

/** Moves a building to another grid: its future wishes route to that grid's worker. */
export async function moveBuilding(tx: Tx, ability: AppAbility, tenantId: string, buildingId: string, gridId: string) {
  assertCan(ability, 'update', subject('Building', { tenantId, gridWorkerId: null }));
  if (!isUuid(gridId) || !isUuid(buildingId)) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  const [grid] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, gridId)));
  if (!grid) throw new UseCaseError('grid.notFound', { field: 'gridId' });
  const [row] = await tx.update(buildings).set({ gridId }).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, buildingId))).returning();
  if (!row) throw new UseCaseError('grid.notFound');
  return row;
}
