import { sql } from 'drizzle-orm';
import { type Db, rollupDirty, SYSTEM_SCOPES, withSystem, withTenant } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { refreshRollupDays } from './rollups.ts';

/**
 * The worker's refresh: claims stale days (rows another refresher holds are skipped), recomputes them, and marks
 * them again if the recomputation fails, so nothing stays stale. A worker's job (the caller is the system). Input:
 * how many stale days to claim at once (`limit`, 500). Output: how many days were recomputed.
 */
export async function refreshDirtyRollups(db: Db, _caller: Caller, input: { limit?: number } = {}, now = new Date()) {
  const limit = input.limit ?? 500;
  const claimed = await withSystem(db, SYSTEM_SCOPES.rollupRefresh, 'refreshDirtyRollups', (tx) =>
    tx.execute<{ community_id: string; day: string }>(sql`
      delete from rollup_dirty where (community_id, day) in (
        select community_id, day from rollup_dirty order by marked_at limit ${limit} for update skip locked)
      returning community_id, to_char(day, 'YYYY-MM-DD') as day`),
  );
  const byCommunity = new Map<string, string[]>();
  for (const r of claimed as unknown as { community_id: string; day: string }[]) byCommunity.set(r.community_id, [...(byCommunity.get(r.community_id) ?? []), r.day]);
  let refreshed = 0;
  for (const [communityId, days] of byCommunity) {
    try {
      await refreshRollupDays(db, communityId, days, now);
      refreshed += days.length;
    } catch (error) {
      await withTenant(db, communityId, (tx) => tx.insert(rollupDirty).values(days.map((day) => ({ communityId, day }))).onConflictDoNothing());
      throw error;
    }
  }
  return refreshed;
}
