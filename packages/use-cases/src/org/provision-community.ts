import { sql } from 'drizzle-orm';
import { categories, grids, type Tx } from '@shequ/db';

/** The categories every community starts with (it can edit them later). */
export const DEFAULT_CATEGORIES = ['环境卫生', '设施维修', '养老助老', '儿童关爱', '邻里纠纷', '安全隐患', '文体活动', '其他'] as const;

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
  const [counts] = await tx.execute<{ categories: number; grids: number }>(
    sql`select (select count(*)::int from categories) as categories, (select count(*)::int from grids) as grids`,
  );
  return counts!;
}
