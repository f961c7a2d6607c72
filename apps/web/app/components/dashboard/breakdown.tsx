import { useTranslation } from 'react-i18next';
import type { Metrics } from '@shequ/domain';
import { type Column, DataTable } from '../ui/data-table.tsx';
import { formatMetric } from './format.ts';

const KEYS = ['received', 'responseRate', 'closeRate', 'onTimeRate', 'satisfactionRate', 'avgCloseHours'] as const;

type Row = { name: string; metrics: Metrics };

/** Figures by category or grid: the same columns for every row, each sortable (the kit's data table). */
export function Breakdown({ title, label, rows, testId }: { title: string; label: string; rows: Row[]; testId?: string }) {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  const columns: Column<Row>[] = [
    { id: 'name', header: label, cell: (r) => r.name || t('dashboard.noGrid'), sortValue: (r) => r.name },
    ...KEYS.map(
      (k): Column<Row> => ({
        id: k,
        header: t(`dashboard.metrics.${k}`),
        className: 'text-right tabular-nums',
        cell: (r) => formatMetric(r.metrics, k, tt),
        sortValue: (r) => r.metrics[k],
      }),
    ),
  ];
  return (
    <section className="min-w-0 space-y-2">
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      <DataTable rows={rows} columns={columns} rowKey={(r) => r.name} pageSize={0} caption={title} data-testid={testId} />
    </section>
  );
}
