import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { type Counters, chinaDayStart, emptyCounters, type MetricKey, type Metrics, metricsOf, monthsOf, OPEN_STATUSES, rankBy, sumCounters, type ReportPeriod } from '@shequ/domain';
import { caseHoldings, type Tx, uuidArray } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { districtScoreWeights } from './district-score-weights.ts';
import { comparisonTotals, summedCounters, wholeMonths } from './read-rollups.ts';
import { type Community, scopeCommunities } from './scope-communities.ts';

export type ComparisonRow = { community: Community; metrics: Metrics; previous: Metrics; rank: number | null };

/**
 * Narrowing a comparison, for districts with dozens of communities: one street's communities only, and/or only
 * the communities that received cases in the period (ranks and totals are then over those shown).
 */
export type ComparisonFilter = { streetId?: string | null; withCasesOnly?: boolean };

/**
 * A street's or district's comparison of its communities for a period: every figure per community and in total,
 * ranked by one figure, with the previous period alongside, a category breakdown, the month-by-month trend and the
 * overdue cases now by community × category. Aggregates only: no case, no resident, no text crosses here.
 * `filter` narrows it (ComparisonFilter); `streets` lists the streets of all the scope's communities, for a picker.
 * Input: the `scope` (from dashboardScope: the permission), the `period`, `sortBy` (the composite score unless given)
 * and `filter`; `now` ends a period still running.
 */
export async function compareCommunities(
  tx: Tx,
  _caller: Caller,
  input: { scope: { kind: 'district' | 'street'; unitId: string }; period: ReportPeriod; sortBy?: MetricKey; filter?: ComparisonFilter },
  now = new Date(),
) {
  const { scope, period, sortBy = 'score', filter = {} } = input;
  // The weights do not depend on the communities: asked alongside them.
  const [all, weights] = await Promise.all([
    scopeCommunities(tx, scope, new Date(Math.min(chinaDayStart(period.range.to).getTime() - 1, now.getTime()))),
    districtScoreWeights(tx, scope.unitId),
  ]);
  const streets = [...new Map(all.filter((c) => c.streetId).map((c) => [c.streetId!, { id: c.streetId!, name: c.streetName }])).values()];
  const communities = filter.streetId ? all.filter((c) => c.streetId === filter.streetId) : all;
  const ids = communities.map((c) => c.id);
  // Sums in PostgreSQL: a few hundred rows back whatever the number of cases (medians are left to single communities).
  // The reads below are independent: issued together they go out pipelined on the transaction's connection, so
  // PostgreSQL runs the next while this process reads the last one's rows.
  const byKey = (rows: (Counters & { key: string })[]) => new Map(rows.map((r) => [r.key, r as Counters]));
  const totals = async () => {
    if (wholeMonths(period.range) && wholeMonths(period.previous)) return comparisonTotals(tx, ids, period.range, period.previous);
    const [current, previous, months] = await Promise.all([
      summedCounters(tx, ids, period.range, 'community'),
      summedCounters(tx, ids, period.previous, 'community'),
      summedCounters(tx, ids, period.range, 'month'),
    ]);
    return { current: byKey(current), previous: byKey(previous), months: byKey(months) };
  };
  // Overdue now (open and past a time limit), from the higher levels' list of escalated cases: counts only. Every
  // open status counts, as in 超期未办结: a breach escalates a case, and one the street returned stays overdue.
  // (A breach always escalates, so an overdue case always has a holding row.)
  const overdueNow = async () =>
    ids.length
      ? tx
          .select({ communityId: caseHoldings.tenantId, category: caseHoldings.categoryName, n: count() })
          .from(caseHoldings)
          .where(and(sql`${caseHoldings.tenantId} = any(${uuidArray(ids)})`, eq(caseHoldings.overdue, true), inArray(caseHoldings.status, [...OPEN_STATUSES])))
          .groupBy(caseHoldings.tenantId, caseHoldings.categoryName)
      : [];
  const [{ current, previous, months }, categories, overdue] = await Promise.all([totals(), summedCounters(tx, ids, period.range, 'category'), overdueNow()]);
  const shown = filter.withCasesOnly ? communities.filter((c) => (current.get(c.id)?.received ?? 0) > 0) : communities;
  const rows = rankBy(
    shown.map((community) => ({
      community,
      metrics: metricsOf(current.get(community.id) ?? emptyCounters(), weights),
      previous: metricsOf(previous.get(community.id) ?? emptyCounters(), weights),
    })),
    sortBy,
  );
  // Communities left out received nothing in the period: the totals are the same with or without them.
  const sum = (m: Map<string, Counters>) => sumCounters(m.values());
  const trend = monthsOf(period.range).map((month) => ({ month: month.slice(0, 7), metrics: metricsOf(months.get(month.slice(0, 7)) ?? emptyCounters()) }));
  return {
    rows: rows as ComparisonRow[],
    total: { metrics: metricsOf(sum(current), weights), previous: metricsOf(sum(previous), weights) },
    weights,
    categories: categories.map((c) => ({ name: c.key, metrics: metricsOf(c, weights) })).sort((a, b) => b.metrics.received - a.metrics.received),
    trend,
    overdue: overdue.map((o) => ({ communityId: o.communityId, category: o.category, n: o.n })),
    streets,
    /** How many communities the scope (or the chosen street) has, shown or not. */
    communityCount: communities.length,
  };
}
