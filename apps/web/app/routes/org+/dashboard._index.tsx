import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDate, lastDayOf, type MetricKey } from '@shequ/domain';
import { careRatesByCommunity, compareCommunities, countRegisteredResidents } from '@shequ/use-cases';
import { CareRatesComparison, careMonthOf } from '~/components/care/care-rates.tsx';
import { Breakdown } from '~/components/dashboard/breakdown.tsx';
import { formatChange, formatMetric, TABLE_KEYS } from '~/components/dashboard/format.ts';
import { DashboardHeader, RefusedPeriod } from '~/components/dashboard/dashboard-header.tsx';
import { PeriodPicker } from '~/components/dashboard/period-picker.tsx';
import { TrendChart } from '~/components/dashboard/trend-chart.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { type Column, DataTable } from '~/components/ui/data-table.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { comparisonFilterFromUrl, pageRefusal, periodFromUrl, refusedPeriodMessage, sortFromUrl } from '~/routes/org+/dashboard.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireDashboardScope } from '~/routes/org+/dashboard.scope.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { cn } from '~/lib/utils.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';

// Named by the street or district compared (the page's own heading), as the drill-down names its community.
export const meta = pageTitle('dashboard.title', dataField('scope.name'));

/** The comparison's total row (one more row of the kit's table). */
const TOTAL = Symbol('total');

// A street's or district's comparison of its communities: aggregated figures only.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  const url = new URL(request.url);
  const choice = periodFromUrl(url);
  const sort = sortFromUrl(url);
  const filter = comparisonFilterFromUrl(url);
  return guard(() =>
    withActor(actor, async (tx) => {
      const scope = await requireDashboardScope(tx, { actor, ability }, 'org');
      // A period that cannot be read is refused with its message: no figures of another period instead.
      if (!choice.ok) return pageRefusal(choice, { scope, message: refusedPeriodMessage(choice) });
      const { period } = choice;
      const result = await compareCommunities(tx, { actor, ability }, { scope, period, sortBy: sort, filter });
      // The register's size per community: a count from resident_counts(), never people (issue 16).
      const registered = await countRegisteredResidents(tx, { actor, ability });
      const communities = result.rows.map((r) => ({ id: r.community.id, name: r.community.name }));
      const categories = [...new Set(result.overdue.map((o) => o.category))];
      const last = lastDayOf(period.range);
      const today = chinaDate(new Date());
      // The monthly visit rate per tier of each community shown (issue 20): counts only, no person above the community.
      const month = careMonthOf(last, today);
      const rates = new Map((await careRatesByCommunity(tx, { actor, ability }, { month })).map((r) => [r.communityId, r]));
      // Every community compared is listed: one without a visit window that month shows "—" (no rate), not nothing
      // (issue 20's tester saw only the communities with data).
      const care = { month, rows: communities.map((c) => ({ ...c, tiers: rates.get(c.id)?.tiers ?? [], total: rates.get(c.id)?.total ?? { due: 0, onTime: 0, rate: null } })) };
      return { scope, period, last, today, sort, filter, ...result, registered, heat: { communities, categories }, care };
    }),
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  const loaded = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  if ('refused' in loaded) return <RefusedPeriod title={`${t('dashboard.title')} · ${loaded.scope.name}`} refused={loaded.refused} today={loaded.today} message={loaded.message} />;
  const data = loaded;
  const sortLink = (key: MetricKey) => {
    const next = new URLSearchParams(params);
    next.set('sort', key);
    return `?${next.toString()}`;
  };
  const query = params.toString();
  const overdueOf = (communityId: string, category: string) => data.overdue.find((o) => o.communityId === communityId && o.category === category)?.n ?? 0;
  type Row = (typeof data.rows)[number];
  // The comparison's rows, then the total as one more row (not a comparison-row).
  const comparisonRows: (Row | typeof TOTAL)[] = [...data.rows, TOTAL];
  const metricsOf = (r: Row | typeof TOTAL) => (r === TOTAL ? data.total.metrics : r.metrics);
  const comparisonColumns: Column<Row | typeof TOTAL>[] = [
    { id: 'rank', header: t('dashboard.rank'), className: 'tabular-nums', cell: (r) => (r === TOTAL ? '' : (r.rank ?? '—')) },
    {
      id: 'community',
      header: t('dashboard.community'),
      cell: (r) =>
        r === TOTAL ? (
          t('dashboard.total')
        ) : (
          <Link to={`/org/dashboard/${r.community.id}?${query}`} className="text-brand-700 underline">
            {r.community.name}
          </Link>
        ),
    },
    ...(data.scope.kind === 'district' ? [{ id: 'street', header: t('dashboard.street'), className: 'text-slate-600', cell: (r: Row | typeof TOTAL) => (r === TOTAL ? '' : r.community.streetName) }] : []),
    {
      // The register's size (a count, never people; issue 16), the total's is the sum of the rows shown.
      id: 'registered',
      label: t('dashboard.registered'),
      header: <span title={t('dashboard.registeredHint')}>{t('dashboard.registered')}</span>,
      className: 'text-right tabular-nums',
      cell: (r) =>
        r === TOTAL ? (
          <span data-testid="registered-total">{data.rows.reduce((n, row) => n + (data.registered[row.community.id] ?? 0), 0)}</span>
        ) : (
          <span data-testid="registered">{data.registered[r.community.id] ?? 0}</span>
        ),
    },
    ...TABLE_KEYS.map(
      (k): Column<Row | typeof TOTAL> => ({
        id: k,
        label: t(`dashboard.metrics.${k}`),
        header: (
          <Link to={sortLink(k)} aria-current={data.sort === k ? 'true' : undefined} className={cn('underline-offset-2 hover:underline', data.sort === k && 'font-semibold text-brand-700')} title={t(`dashboard.definitions.${k}`)}>
            {t(`dashboard.metrics.${k}`)}
          </Link>
        ),
        className: 'text-right tabular-nums whitespace-nowrap',
        cell: (r) => {
          const change = r !== TOTAL && k === data.sort ? formatChange(r.metrics, r.previous, data.sort) : null;
          return (
            <>
              {formatMetric(metricsOf(r), k, tt)}
              {change?.text ? (
                <span className={cn('ml-1 text-xs', change.better === true ? 'text-emerald-700' : change.better === false ? 'text-red-700' : 'text-slate-500')} title={t('dashboard.change')}>
                  {change.text}
                </span>
              ) : null}
            </>
          );
        },
      }),
    ),
  ];
  type HeatRow = (typeof data.heat.communities)[number];
  const heatColumns: Column<HeatRow>[] = [
    { id: 'community', header: t('dashboard.community'), cell: (c) => c.name },
    ...data.heat.categories.map(
      (cat): Column<HeatRow> => ({
        id: `cat-${cat}`,
        header: cat,
        className: 'text-right tabular-nums',
        cell: (c) => {
          const n = overdueOf(c.id, cat);
          return n ? <span className={cn('inline-block min-w-[2rem] rounded px-1', n >= 5 ? 'bg-red-200' : n >= 2 ? 'bg-red-100' : 'bg-red-50')}>{n}</span> : '';
        },
      }),
    ),
  ];
  return (
    <div className="space-y-4">
      <DashboardHeader title={`${t('dashboard.title')} · ${data.scope.name}`} intro={data.scope.kind === 'district' ? t('dashboard.districtIntro') : t('dashboard.streetIntro')} exportBase="/org/dashboard/export" query={query} />
      <PeriodPicker key={`${data.period.kind}:${data.period.value}`} kind={data.period.kind} value={data.period.value} first={data.period.range.from} last={data.last} today={data.today} />
      <p className="text-sm text-slate-500" data-testid="period-range">
        {t('dashboard.range', { from: data.period.range.from, to: data.last })}
      </p>
      {data.scope.kind === 'district' ? (
        <Form noValidate method="get" className="flex flex-wrap items-center gap-3 text-sm print:hidden" data-testid="community-filter">
          {[...params.entries()]
            .filter(([k]) => k !== 'street' && k !== 'active')
            .map(([k, v], i) => (
              <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
            ))}
          <label className="flex items-center gap-2 text-slate-600">
            {t('dashboard.street')}
            <Select name="street" defaultValue={data.filter.streetId ?? ''} placeholder={t('dashboard.allStreets')} options={optionsOf(data.streets)} className="h-9 w-40 text-sm" data-testid="street-filter" />
          </label>
          <label className="flex items-center gap-2 text-slate-600">
            <input type="checkbox" name="active" value="1" defaultChecked={data.filter.withCasesOnly} className="size-4" data-testid="with-cases-only" />
            {t('dashboard.withCasesOnly')}
          </label>
          <Button variant="secondary">
            {t('dashboard.show')}
          </Button>
          <span className="text-slate-500" data-testid="shown-count">
            {t('dashboard.shownOf', { shown: data.rows.length, total: data.communityCount })}
          </span>
        </Form>
      ) : null}
      {data.total.metrics.received === 0 && data.rows.every((r) => r.metrics.received === 0) ? <EmptyState title={data.rows.length ? t('dashboard.empty') : t('dashboard.noneShown')} /> : null}
      {/* Sorted by the server (the links in the header); on a phone the table scrolls inside its box so they stay. */}
      <DataTable rows={comparisonRows} columns={comparisonColumns} rowKey={(r) => (r === TOTAL ? 'total' : r.community.id)} pageSize={0} cards={false} caption={t('dashboard.title')} data-testid="comparison" rowTestId={(r) => (r === TOTAL ? undefined : 'comparison-row')} rowClassName={(r) => (r === TOTAL ? 'bg-slate-50 font-medium' : undefined)} sortedBy={{ id: data.sort, desc: true }} />
      <div className="grid gap-4 lg:grid-cols-2">
        <CardSection title={t('dashboard.trend', { metric: t(`dashboard.metrics.${data.sort}`) })}>
          <TrendChart trend={data.trend} metric={data.sort} testId="trend-chart" />
        </CardSection>
        <Breakdown title={t('dashboard.categories')} label={t('dashboard.category')} rows={data.categories} testId="category-breakdown" />
      </div>
      <CareRatesComparison data={data.care} />
      <section className="min-w-0 space-y-2">
        <h2 className="text-base font-semibold text-slate-800">{t('dashboard.overdueHeat')}</h2>
        {data.heat.categories.length === 0 ? (
          <p className="text-sm text-slate-500">{t('dashboard.noOverdue')}</p>
        ) : (
          <DataTable rows={data.heat.communities} columns={heatColumns} rowKey={(c) => c.id} pageSize={0} caption={t('dashboard.overdueHeat')} data-testid="overdue-heat" />
        )}
      </section>
    </div>
  );
}
