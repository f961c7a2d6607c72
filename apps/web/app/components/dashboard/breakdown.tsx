import { useTranslation } from 'react-i18next';
import type { Metrics } from '@shequ/domain';
import { Card, CardHeader, CardTitle } from '../ui/card.tsx';
import { formatMetric } from './format.ts';

const KEYS = ['received', 'responseRate', 'closeRate', 'onTimeRate', 'satisfactionRate', 'avgCloseHours'] as const;

/** Figures by category or grid: the same columns for every row. */
export function Breakdown({ title, label, rows, testId }: { title: string; label: string; rows: { name: string; metrics: Metrics }[]; testId?: string }) {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  return (
    <Card className="overflow-x-auto">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <table className="w-full whitespace-nowrap text-left text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">{label}</th>
            {KEYS.map((k) => (
              <th key={k} className="px-4 py-2 text-right font-medium">
                {t(`dashboard.metrics.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.name}>
              <td className="px-4 py-2">{r.name || t('dashboard.noGrid')}</td>
              {KEYS.map((k) => (
                <td key={k} className="px-4 py-2 text-right tabular-nums">
                  {formatMetric(r.metrics, k, tt)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
