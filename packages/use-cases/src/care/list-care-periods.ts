import { and, desc, eq, sql } from 'drizzle-orm';
import { careHandovers, carePeriods, grids, type Tx, users } from '@shequ/db';
import { alias } from 'drizzle-orm/pg-core';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { careCommunityOf, chinaToday } from './care-core.ts';
import { periodWithdrawal } from './withdraw-care-period.ts';

/**
 * The care roster's management page (issue 20): the weather and festival periods declared (newest first, each with
 * how many extra visits it opened and how many were made) and the grid hand-overs (who to whom, how many people),
 * counts and masked names only.
 *
 * Input: `{ limit?, now? }` (default 20 of each). Output: `{ periods: [{ id, kind, name, firstDay, lastDay, windows,
 * visited, withdraw }], handovers: [{ id, grid, from, to, count, createdAt }] }` — `withdraw`: 'ok' (it can be
 * withdrawn), 'used' or 'over' (why not), by withdrawCarePeriod's own rule (periodWithdrawal).
 * Refuses: forbidden (read CareRoster).
 */
export async function listCarePeriods(tx: Tx, caller: StaffCaller, input: { limit?: number; now?: Date } = {}) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'read', subject('CareRoster', { tenantId }));
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const today = chinaToday(input.now ?? new Date());
  const rows = await tx
    .select({
      id: carePeriods.id,
      kind: carePeriods.kind,
      name: carePeriods.name,
      firstDay: carePeriods.firstDay,
      lastDay: carePeriods.lastDay,
      // The outer row named in full: in a one-table select drizzle writes a column bare ("id"), which inside the
      // subquery meant the window's own id — every period counted 0/0 (found from outside, issue 20).
      windows: sql<number>`(select count(*)::int from care_windows w where w.tenant_id = care_periods.tenant_id and w.period_id = care_periods.id)`,
      visited: sql<number>`(select count(*)::int from care_windows w where w.tenant_id = care_periods.tenant_id and w.period_id = care_periods.id and w.visit_id is not null)`,
    })
    .from(carePeriods)
    .where(eq(carePeriods.tenantId, tenantId))
    .orderBy(desc(carePeriods.firstDay), desc(carePeriods.createdAt))
    .limit(limit);
  const fromUser = alias(users, 'from_user');
  const toUser = alias(users, 'to_user');
  const handovers = await tx
    .select({ id: careHandovers.id, grid: grids.name, from: fromUser.displayName, to: toUser.displayName, count: careHandovers.count, createdAt: careHandovers.createdAt })
    .from(careHandovers)
    .leftJoin(grids, and(eq(grids.tenantId, careHandovers.tenantId), eq(grids.id, careHandovers.gridId)))
    .leftJoin(fromUser, eq(fromUser.id, careHandovers.fromUserId))
    .leftJoin(toUser, eq(toUser.id, careHandovers.toUserId))
    .where(eq(careHandovers.tenantId, tenantId))
    .orderBy(desc(careHandovers.createdAt))
    .limit(limit);
  return { periods: rows.map((p) => ({ ...p, withdraw: periodWithdrawal(p, today) })), handovers };
}
