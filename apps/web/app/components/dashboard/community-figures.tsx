import { Link, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { METRIC_KEYS, type Metrics } from '@shequ/domain';
import { CardSection } from '../ui/card.tsx';
import { type Column, DataTable } from '../ui/data-table.tsx';
import { DashboardHeader, RefusedPeriod } from './dashboard-header.tsx';
import { Breakdown } from './breakdown.tsx';
import { formatChange, formatMetric } from './format.ts';
import { PeriodPicker } from './period-picker.tsx';
import { TrendChart } from './trend-chart.tsx';

export type CommunityFiguresData = {
  name: string;
  period: { kind: string; value: string; range: { from: string; to: string } };
  /** The period's last day (inclusive), and today in China time. */
  last: string;
  today: string;
  metrics: Metrics;
  previous: Metrics;
  streetAverage: Metrics | null;
  streetCommunities: number;
  categories: { name: string; metrics: Metrics }[];
  grids: { name: string; metrics: Metrics }[];
  trend: { month: string; metrics: Metrics }[];
};

/** What the page gets instead when the period asked for cannot be read: the refusal and its message. */
export type RefusedFiguresData = { name: string; refused: { kind: string; value: string; to: string }; today: string; message: string };

/** One community's figures (its own page, or an officer's drill-down): every figure, against the street overall. */
export function CommunityFigures({ data: loaded, back, exportBase }: { data: CommunityFiguresData | RefusedFiguresData; back?: string; exportBase: string }) {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  const [params] = useSearchParams();
  if ('refused' in loaded) return <RefusedPeriod title={`${t('dashboard.title')} · ${loaded.name}`} refused={loaded.refused} today={loaded.today} message={loaded.message} titleTestId="community-dashboard-title" />;
  const data = loaded;
  const query = params.toString();
  // Counts of the street are shown per community, rates as they are (the street's cases taken together).
  const streetValue = (key: (typeof METRIC_KEYS)[number]) => {
    const s = data.streetAverage;
    if (!s) return '—';
    if (['received', 'overdueOpen', 'escalated', 'forwarded', 'autoEscalated', 'manualEscalated'].includes(key)) return (Number(s[key]) / Math.max(1, data.streetCommunities)).toFixed(1);
    return formatMetric(s, key, tt);
  };
  const figureColumns: Column<(typeof METRIC_KEYS)[number]>[] = [
    {
      id: 'metric',
      header: null,
      cell: (k) => <span title={t(`dashboard.definitions.${k}`)}>{t(`dashboard.metrics.${k}`)}</span>,
    },
    { id: 'own', header: t('dashboard.own'), className: 'text-right font-medium tabular-nums', cell: (k) => formatMetric(data.metrics, k, tt) },
    {
      id: 'change',
      header: t('dashboard.change'),
      className: 'text-right text-xs tabular-nums',
      cell: (k) => {
        const change = formatChange(data.metrics, data.previous, k);
        return <span className={change.better === true ? 'text-emerald-700' : change.better === false ? 'text-red-700' : 'text-slate-500'}>{change.text}</span>;
      },
    },
    { id: 'street', header: t('dashboard.streetOverall'), className: 'text-right tabular-nums text-slate-600', cell: (k) => streetValue(k) },
  ];
  return (
    <div className="space-y-4">
      {back ? (
        <Link to={back} className="text-sm text-brand-700 underline">
          {t('dashboard.back')}
        </Link>
      ) : null}
      <DashboardHeader title={`${t('dashboard.title')} · ${data.name}`} intro={t('dashboard.communityIntro')} exportBase={exportBase} query={query} titleTestId="community-dashboard-title" />
      <PeriodPicker key={`${data.period.kind}:${data.period.value}`} kind={data.period.kind} value={data.period.value} first={data.period.range.from} last={data.last} today={data.today} />
      <p className="text-sm text-slate-500" data-testid="period-range">
        {t('dashboard.range', { from: data.period.range.from, to: data.last })}
      </p>
      <DataTable rows={METRIC_KEYS} columns={figureColumns} rowKey={(k) => k} pageSize={0} data-testid="community-figures" caption={t('dashboard.title')} />
      <div className="grid gap-4 lg:grid-cols-2">
        <CardSection title={t('dashboard.trend', { metric: t('dashboard.metrics.score') })}>
          <TrendChart trend={data.trend} metric="score" testId="trend-chart" />
        </CardSection>
        <Breakdown title={t('dashboard.categories')} label={t('dashboard.category')} rows={data.categories} />
      </div>
      <Breakdown title={t('dashboard.grids')} label={t('dashboard.grid')} rows={data.grids} testId="grid-breakdown" />
    </div>
  );
}
