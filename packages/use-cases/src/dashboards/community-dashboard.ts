import { chinaDayStart, type DayRange, emptyCounters, metricsOf, monthsOf, nextMonthStart, sumCounters, type ReportPeriod } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import type { DashboardScope } from './dashboard-scope.ts';
import { districtScoreWeights } from './district-score-weights.ts';
import { gridCounters, rollupCounters, streetTotals } from './read-rollups.ts';
import { scopeCommunities } from './scope-communities.ts';

/**
 * A community's own figures for a period: totals, by category, by grid (named), against its street's average
 * (the street's total over its communities: aggregates only), and the month-by-month trend. Input: the community's
 * `scope` (from dashboardScope: the permission), the `period`, and `gridNames` (grid id → name) for the grid rows.
 */
export async function communityDashboard(tx: Tx, _caller: Caller, input: { scope: Extract<DashboardScope, { kind: 'community' }>; period: ReportPeriod; gridNames: Map<string, string> }) {
  const { scope, period, gridNames } = input;
  // Independent reads, issued together (pipelined on the transaction's connection).
  const one = async (range: DayRange) => (await rollupCounters(tx, [scope.unitId], range)).get(scope.unitId) ?? emptyCounters();
  const streetCounters = async () => {
    const street = scope.streetId ? await scopeCommunities(tx, { kind: 'street', unitId: scope.streetId }, chinaDayStart(period.range.to)) : [];
    // The community's scope reads only its own rollups (decision 019): the street's total is an aggregate from
    // street_rollup_totals, which sums only communities of the caller's own street.
    return { street, counters: street.length ? [await streetTotals(tx, street.map((c) => c.id), period.range)] : [] };
  };
  const [weights, own, previous, streetFigures, byCategory, grids, trend] = await Promise.all([
    districtScoreWeights(tx, scope.unitId),
    one(period.range),
    one(period.previous),
    streetCounters(),
    rollupCounters(tx, [scope.unitId], period.range, { byCategory: true }),
    gridCounters(tx, scope.unitId, period.range),
    Promise.all(
      monthsOf(period.range).map(async (month) => {
        const next = nextMonthStart(month);
        return { month: month.slice(0, 7), metrics: metricsOf(await one({ from: month, to: next < period.range.to ? next : period.range.to })) };
      }),
    ),
  ]);
  const { street } = streetFigures;
  const streetTotal = sumCounters(streetFigures.counters);
  return {
    metrics: metricsOf(own, weights),
    previous: metricsOf(previous, weights),
    // The street's communities taken together: what an average community of the street achieved.
    streetAverage: street.length ? metricsOf(streetTotal, weights) : null,
    streetCommunities: street.length,
    categories: [...byCategory].map(([key, c]) => ({ name: key.split('\u0000')[1]!, metrics: metricsOf(c) })).sort((a, b) => b.metrics.received - a.metrics.received),
    grids: [...grids].map(([gridId, c]) => ({ name: gridNames.get(gridId) ?? '', metrics: metricsOf(c) })),
    trend,
  };
}
