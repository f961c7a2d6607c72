import { asc, eq } from 'drizzle-orm';
import { buildings, categories, grids, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/**
 * What a community's pickers offer: its categories (in their sort order; `active` says whether new cases may use
 * it), grids and buildings (by name). Read inside the community's tenant transaction, so only its own rows; the
 * caller's page has checked that it may read them (residents get the same lists on the wish form).
 */
export async function listCommunityChoices(tx: Tx, _caller: Caller, input: { communityId: string }) {
  const [cats, gridRows, buildingRows] = await Promise.all([
    tx.select({ id: categories.id, name: categories.name, active: categories.active }).from(categories).where(eq(categories.tenantId, input.communityId)).orderBy(asc(categories.sortOrder)),
    tx.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.tenantId, input.communityId)).orderBy(asc(grids.name)),
    tx.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.tenantId, input.communityId)).orderBy(asc(buildings.name)),
  ]);
  return { categories: cats, grids: gridRows, buildings: buildingRows };
}
