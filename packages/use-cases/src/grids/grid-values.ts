import { and, eq, inArray } from 'drizzle-orm';
import { cleanText } from '@shequ/domain';
import { grids, isUuid, memberships, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

// The building blocks the grid page's use cases share (create-grid.ts, update-grid.ts, …). Not use cases themselves.

/** Standard grid code: 12-digit community code + 3-digit grid number. */
const GRID_CODE = /^\d{15}$/;

export type GridInput = { name: string; code?: string | null; gridWorkerId?: string | null; partyLeaderId?: string | null };

/** The community a staff caller manages grids in (their workspace's); none is a grid not found. */
export function gridCommunity(caller: StaffCaller): string {
  const tenantId = caller.actor.workspace.tenantId;
  if (!tenantId) throw new UseCaseError('grid.notFound');
  return tenantId;
}

async function checkMember(tx: Tx, tenantId: string, userId: string | null | undefined, roles: string[] | null, field: 'gridWorkerId' | 'partyLeaderId') {
  if (!userId) return;
  if (!isUuid(userId)) throw new UseCaseError(`grid.${field}.invalid`, { field });
  const where = and(eq(memberships.userId, userId), eq(memberships.orgUnitId, tenantId), roles ? inArray(memberships.role, roles as never[]) : undefined);
  const [m] = await tx.select({ id: memberships.id }).from(memberships).where(where);
  if (!m) throw new UseCaseError(`grid.${field}.invalid`, { field });
}

/** A grid's values as stored: a clean name (1–40 characters), a 15-digit code or none, members of the community. */
export async function validGrid(tx: Tx, tenantId: string, input: GridInput) {
  const name = cleanText(input.name ?? '');
  if (!name || Array.from(name).length > 40) throw new UseCaseError('grid.name.invalid', { field: 'name' });
  const code = (input.code ?? '').trim() || null;
  if (code && !GRID_CODE.test(code)) throw new UseCaseError('grid.code.invalid', { field: 'code' });
  await checkMember(tx, tenantId, input.gridWorkerId, ['grid_worker'], 'gridWorkerId');
  await checkMember(tx, tenantId, input.partyLeaderId, null, 'partyLeaderId');
  return { name, code, gridWorkerId: input.gridWorkerId || null, partyLeaderId: input.partyLeaderId || null };
}

/** One of the community's grids by id, or grid.notFound (beside `field` when given). */
export async function gridOf(tx: Tx, tenantId: string, gridId: string, field?: string) {
  const params: Record<string, string> = field ? { field } : {};
  if (!isUuid(gridId)) throw new UseCaseError('grid.notFound', params);
  const [grid] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, gridId)));
  if (!grid) throw new UseCaseError('grid.notFound', params);
  return grid;
}
