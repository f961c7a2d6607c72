import { sql } from 'drizzle-orm';
import { DEFAULT_CATEGORIES, DEFAULT_RESIDENT_TAGS } from '@shequ/domain';
import { categories, communitySettings, grids, residentTags, type Tx } from '@shequ/db';
import { ensureQrCodes } from '../qr/ensure-qr-codes.ts';


/**
 * Gives a new community (tenant) its starting data. Runs inside the community's own tenant context
 * (`withTenant(db, communityId, …)`), so RLS checks every row it writes. Idempotent.
 */
export async function provisionCommunity(tx: Tx, communityId: string, firstGridName = '第一网格') {
  await tx
    .insert(categories)
    .values(DEFAULT_CATEGORIES.map((name, i) => ({ tenantId: communityId, name, sortOrder: i })))
    .onConflictDoNothing();
  await tx.insert(grids).values({ tenantId: communityId, name: firstGridName }).onConflictDoNothing();
  await tx
    .insert(residentTags)
    .values(DEFAULT_RESIDENT_TAGS.map((name, i) => ({ tenantId: communityId, name, sortOrder: i })))
    .onConflictDoNothing();
  await tx.insert(communitySettings).values({ tenantId: communityId }).onConflictDoNothing();
  await ensureQrCodes(tx, communityId);
  const [counts] = await tx.execute<{ categories: number; grids: number }>(
    sql`select (select count(*)::int from categories) as categories, (select count(*)::int from grids) as grids`,
  );
  return counts!;
}
