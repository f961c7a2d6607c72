import { sql } from 'drizzle-orm';
import { type Tx } from '@shequ/db';
import { CARE_TIERS, type TierRate, isCalendarMonth } from '@shequ/domain';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

export type CommunityCareRates = { communityId: string; tiers: TierRate[]; total: { due: number; onTime: number; rate: number | null } };

/**
 * The monthly visit rate per tier of every community in a street or district officer's reach (the district
 * comparison, issue 20): counts only, through the SECURITY DEFINER function care_visit_counts (migration 0035), which
 * answers per community and tier how many windows ending in the month were due and how many were met on time —
 * never a person. Same definition as careVisitRates (monthlyVisitRates): windows whose end falls in the month (China
 * time); due = met, or ended by `now`; on time = met before the end. The 2022 guidance's 100% monthly figure
 * (民政部等10部门, POLICY.md "Visiting care").
 *
 * Runs in the officer's transaction (withActor: app.unit_ids); any other scope gets no rows, so the caller (the
 * officer, or anonymousCaller() for a job) is not consulted. Input: `{ month: 'YYYY-MM', now? }`. Output:
 * CommunityCareRates[] (communities with no window that month are absent).
 * Refuses: care.period.invalid (not a month of 1900–2100).
 */
export async function careRatesByCommunity(tx: Tx, _caller: Caller, input: { month: string; now?: Date }): Promise<CommunityCareRates[]> {
  if (!isCalendarMonth(input.month)) throw new UseCaseError('care.period.invalid', { field: 'month' });
  const now = input.now ?? new Date();
  const [y, m] = input.month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3600_000);
  const rows = await tx.execute<{ community_id: string; tier: string; due: string; on_time: string }>(
    sql`select * from care_visit_counts(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`,
  );
  const byCommunity = new Map<string, TierRate[]>();
  for (const r of rows) {
    const list = byCommunity.get(r.community_id) ?? CARE_TIERS.map((tier) => ({ tier, due: 0, onTime: 0, rate: null }) as TierRate);
    const t = list.find((x) => x.tier === r.tier);
    if (t) {
      t.due = Number(r.due);
      t.onTime = Number(r.on_time);
      t.rate = t.due ? t.onTime / t.due : null;
    }
    byCommunity.set(r.community_id, list);
  }
  return [...byCommunity.entries()].map(([communityId, tiers]) => {
    const due = tiers.reduce((s, t) => s + t.due, 0);
    const onTime = tiers.reduce((s, t) => s + t.onTime, 0);
    return { communityId, tiers, total: { due, onTime, rate: due ? onTime / due : null } };
  });
}
