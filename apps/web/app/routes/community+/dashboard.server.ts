import { type Tx, withTenant } from '@shequ/db';
import { chinaDate, lastDayOf, type ReportPeriod } from '@shequ/domain';
import { communityDashboard, type DashboardScope, listCommunityChoices, type StaffCaller } from '@shequ/use-cases';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { exportRefusal, figuresCsv, figuresXlsx, type PeriodChoice } from '~/routes/org+/dashboard.server.ts';
import { db } from '~/lib/db.server.ts';

type CommunityScope = Extract<DashboardScope, { kind: 'community' }>;

/** A community's figures for its page or an officer's drill-down (grid names read inside the community). */
export async function communityFigures(tx: Tx, caller: StaffCaller, scope: CommunityScope, period: ReportPeriod) {
  const { grids: gridRows } = await withTenant(db, scope.unitId, (t) => listCommunityChoices(t, caller, { communityId: scope.unitId }));
  const result = await communityDashboard(tx, caller, { scope, period, gridNames: new Map(gridRows.map((g) => [g.id, g.name])) });
  return { name: scope.name, period, last: lastDayOf(period.range), today: chinaDate(new Date()), ...result };
}

/** Its export: one row per category (headed 类别) plus the total, as Excel or CSV; a refused period gets its message. */
export async function communityExport(tx: Tx, caller: StaffCaller, scope: CommunityScope, choice: PeriodChoice, format: string | null) {
  if (!choice.ok) return exportRefusal(choice);
  const { period } = choice;
  const figures = await communityFigures(tx, caller, scope, period);
  const table = { title: `${scope.name} 按类别`, period, rowsAre: 'category' as const, rows: figures.categories.map((c) => ({ name: c.name, metrics: c.metrics })), total: figures.metrics };
  const base = `${scope.name}-指标-${period.value}`;
  if (format === 'csv') return download(figuresCsv(table), `${base}.csv`, FILE_TYPES.csv);
  return download(await figuresXlsx(table), `${base}.xlsx`, FILE_TYPES.xlsx);
}
