import { asc } from 'drizzle-orm';
import { grids, type Tx, withTenant } from '@shequ/db';
import type { ReportPeriod } from '@shequ/domain';
import { communityDashboard, type DashboardScope } from '@shequ/use-cases';
import { comparisonCsv, comparisonXlsx, download, trendSvg } from '~/routes/org+/dashboard.server.ts';
import { db } from '~/lib/db.server.ts';

type CommunityScope = Extract<DashboardScope, { kind: 'community' }>;

/** A community's figures for its page or an officer's drill-down (grid names read inside the community). */
export async function communityFigures(tx: Tx, scope: CommunityScope, period: ReportPeriod) {
  const gridRows = await withTenant(db, scope.unitId, (t) => t.select({ id: grids.id, name: grids.name }).from(grids).orderBy(asc(grids.name)));
  const result = await communityDashboard(tx, scope, period, new Map(gridRows.map((g) => [g.id, g.name])));
  return { name: scope.name, period, ...result, chart: trendSvg(result.trend, 'score') };
}

/** Its export: one row per category plus the total, as Excel or CSV. */
export async function communityExport(tx: Tx, scope: CommunityScope, period: ReportPeriod, format: string | null) {
  const figures = await communityFigures(tx, scope, period);
  const rows = figures.categories.map((c) => ({ name: c.name, metrics: c.metrics }));
  const base = `${scope.name}-指标-${period.value}`;
  if (format === 'csv') return download(comparisonCsv(rows, figures.metrics), `${base}.csv`, 'text/csv; charset=utf-8');
  return download(await comparisonXlsx(`${scope.name} 按类别`, period, rows, figures.metrics), `${base}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}
