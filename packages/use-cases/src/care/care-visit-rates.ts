import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import { buildings, careWindows, grids, residents, type Tx } from '@shequ/db';
import { monthlyVisitRates, type TierRate, isCalendarMonth } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { careCommunityOf } from './care-core.ts';

/**
 * The monthly visit rate per tier of a community (or one grid): visited on time ÷ due, by monthlyVisitRates' written
 * definition (the windows whose end falls in the month; due = ended or already met; on time = met before the end).
 * The 2022 guidance's figure (民政部等10部门: 100% monthly for elders with special difficulties by end of 2025,
 * POLICY.md). Counts only: no person is named.
 *
 * Input: `{ month: 'YYYY-MM', gridId?, now }`. Output: `{ month, tiers: TierRate[], total: TierRate-like }`.
 * Refuses: care.period.invalid (not a month of 1900–2100); forbidden (read CareRoster).
 */
export async function careVisitRates(tx: Tx, caller: StaffCaller, input: { month: string; gridId?: string | null; now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'read', subject('CareRoster', { tenantId }));
  if (!isCalendarMonth(input.month)) throw new UseCaseError('care.period.invalid', { field: 'month' });
  const now = input.now ?? new Date();
  const [y, m] = input.month.split('-').map(Number) as [number, number];
  // Windows ending in the month (China time): closes_at in (month start, next month start].
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3600_000 + 1);
  const where: SQL[] = [eq(careWindows.tenantId, tenantId), gte(careWindows.closesAt, new Date(from.getTime() + 1)), lt(careWindows.closesAt, to)];
  const q = tx
    .select({ tier: careWindows.tier, opensAt: careWindows.opensAt, closesAt: careWindows.closesAt, visitedAt: careWindows.visitedAt })
    .from(careWindows);
  const rows = input.gridId
    ? await q
        .innerJoin(residents, and(eq(residents.tenantId, careWindows.tenantId), eq(residents.id, careWindows.residentId)))
        .innerJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
        .innerJoin(grids, and(eq(grids.tenantId, buildings.tenantId), eq(grids.id, buildings.gridId)))
        .where(and(...where, eq(grids.id, input.gridId)))
    : await q.where(and(...where));
  const tiers: TierRate[] = monthlyVisitRates(rows as { tier: TierRate['tier']; opensAt: Date; closesAt: Date; visitedAt: Date | null }[], input.month, now);
  const due = tiers.reduce((s, t) => s + t.due, 0);
  const onTime = tiers.reduce((s, t) => s + t.onTime, 0);
  return { month: input.month, tiers, total: { due, onTime, rate: due ? onTime / due : null } };
}
