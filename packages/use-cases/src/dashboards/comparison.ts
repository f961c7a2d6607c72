import { and, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  type Counters,
  type DayRange,
  chinaDayStart,
  compareChinese,
  emptyCounters,
  type MetricKey,
  type Metrics,
  metricsOf,
  monthsOf,
  nextMonthStart,
  OPEN_STATUSES,
  rankBy,
  sumCounters,
  type ReportPeriod,
} from '@shequ/domain';
import { caseHoldings, orgUnitMoves, orgUnits, type Tx, uuidArray } from '@shequ/db';
import { type Actor, type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import { scoreWeightsFor } from './score-weights.ts';
import { comparisonTotals, gridCounters, rollupCounters, streetTotals, summedCounters, wholeMonths } from './read-rollups.ts';

export type DashboardScope = { kind: 'district' | 'street'; unitId: string; name: string } | { kind: 'community'; unitId: string; name: string; streetId: string | null };

/** Whose figures the actor may compare: their district's or street's communities, or their own community. */
export async function dashboardScope(tx: Tx, actor: Actor, ability: AppAbility): Promise<DashboardScope> {
  const ws = actor.workspace;
  const unitId = ws.role === 'district_officer' || ws.role === 'street_officer' ? ws.orgUnitId : ws.tenantId;
  if (!unitId) throw new UseCaseError('dashboard.noScope');
  const [unit] = await tx.select({ id: orgUnits.id, name: orgUnits.name, streetId: orgUnits.streetId }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) throw new UseCaseError('dashboard.noScope');
  if (ws.role === 'district_officer') {
    assertCan(ability, 'read', subject('Dashboard', { communityId: null, streetId: null, districtId: unit.id }));
    return { kind: 'district', unitId: unit.id, name: unit.name };
  }
  if (ws.role === 'street_officer') {
    assertCan(ability, 'read', subject('Dashboard', { communityId: null, streetId: unit.id, districtId: ws.districtId }));
    return { kind: 'street', unitId: unit.id, name: unit.name };
  }
  assertCan(ability, 'read', subject('Dashboard', { communityId: unit.id, streetId: unit.streetId, districtId: ws.districtId }));
  return { kind: 'community', unitId: unit.id, name: unit.name, streetId: unit.streetId };
}

type Community = { id: string; name: string; streetId: string | null; streetName: string };

/**
 * The communities a street or district had during a period: those under it now, adjusted by moves, so a community
 * that moved streets counts for the street it belonged to when the period ended.
 */
export async function communitiesOf(tx: Tx, scope: { kind: 'district' | 'street'; unitId: string }, at: Date): Promise<Community[]> {
  const street = alias(orgUnits, 'street');
  const candidates = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, streetId: orgUnits.streetId, districtId: orgUnits.districtId, streetName: sql<string>`coalesce(${street.name}, '')` })
    .from(orgUnits)
    .leftJoin(street, eq(street.id, orgUnits.streetId))
    .where(
      and(
        eq(orgUnits.kind, 'community'),
        // Archived communities stay: their cases are kept so that past figures do not change (decision 013).
        // Under it now, or moved away from it at some point.
        or(
          eq(scope.kind === 'district' ? orgUnits.districtId : orgUnits.streetId, scope.unitId),
          inArray(orgUnits.id, tx.select({ id: orgUnitMoves.unitId }).from(orgUnitMoves).where(or(eq(orgUnitMoves.fromStreetId, scope.unitId), eq(orgUnitMoves.fromDistrictId, scope.unitId)))),
        ),
      ),
    );
  // Only the moves made after `at` change where a community stood then.
  const moves = candidates.length
    ? await tx
        .select()
        .from(orgUnitMoves)
        .where(and(gt(orgUnitMoves.movedAt, at), sql`${orgUnitMoves.unitId} = any(${uuidArray(candidates.map((c) => c.id))})`))
        .orderBy(desc(orgUnitMoves.movedAt))
    : [];
  const placeAt = (c: (typeof candidates)[number]) => {
    // Undo the moves made after `at`, latest first.
    let streetId = c.streetId;
    let districtId = c.districtId;
    for (const m of moves) {
      if (m.unitId !== c.id) continue;
      streetId = m.fromStreetId;
      districtId = m.fromDistrictId;
    }
    return { streetId, districtId };
  };
  return candidates
    .filter((c) => {
      const place = placeAt(c);
      return scope.kind === 'district' ? place.districtId === scope.unitId : place.streetId === scope.unitId;
    })
    .map((c) => ({ id: c.id, name: c.name, streetId: c.streetId, streetName: c.streetName }))
    .sort((a, b) => compareChinese(a.streetName, b.streetName) || compareChinese(a.name, b.name));
}

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
 */
export async function compareCommunities(tx: Tx, scope: { kind: 'district' | 'street'; unitId: string }, period: ReportPeriod, sortBy: MetricKey = 'score', now = new Date(), filter: ComparisonFilter = {}) {
  // The weights do not depend on the communities: asked alongside them.
  const [all, weights] = await Promise.all([
    communitiesOf(tx, scope, new Date(Math.min(chinaDayStart(period.range.to).getTime() - 1, now.getTime()))),
    scoreWeightsFor(tx, scope.unitId),
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

/**
 * A community's own figures for a period: totals, by category, by grid (named), against its street's average
 * (the street's total over its communities: aggregates only), and the month-by-month trend.
 */
export async function communityDashboard(tx: Tx, scope: Extract<DashboardScope, { kind: 'community' }>, period: ReportPeriod, gridNames: Map<string, string>) {
  // Independent reads, issued together (pipelined on the transaction's connection).
  const one = async (range: DayRange) => (await rollupCounters(tx, [scope.unitId], range)).get(scope.unitId) ?? emptyCounters();
  const streetCounters = async () => {
    const street = scope.streetId ? await communitiesOf(tx, { kind: 'street', unitId: scope.streetId }, chinaDayStart(period.range.to)) : [];
    // The community's scope reads only its own rollups (decision 019): the street's total is an aggregate from
    // street_rollup_totals, which sums only communities of the caller's own street.
    return { street, counters: street.length ? [await streetTotals(tx, street.map((c) => c.id), period.range)] : [] };
  };
  const [weights, own, previous, streetFigures, byCategory, grids, trend] = await Promise.all([
    scoreWeightsFor(tx, scope.unitId),
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
