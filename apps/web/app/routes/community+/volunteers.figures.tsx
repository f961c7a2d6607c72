import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { volunteerFigures } from '@shequ/use-cases';
import { Button } from '~/components/ui/button.tsx';
import { Card } from '~/components/ui/card.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { MonthInput } from '~/components/ui/date-input.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { EmptyState } from '~/components/ui/states.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { queryMonth, queryYear } from '~/lib/query-params.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';

export const meta = pageTitle('volunteers.figures.title');

// A year's or a month's volunteer figures (issue 17): per team (activities, attendances, volunteers, hours) and per
// volunteer (masked), from the live ledger; `?year=2026` for the year, `?month=2026-11` for one month (an impossible
// month answers the 400 page). The Excel export is the year's figures, with month columns, in the shape reported upward.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const month = queryMonth(request, '');
  const year = month ? Number(month.slice(0, 4)) : queryYear(request);
  return runAsStaff(caller, (tx) => volunteerFigures(tx, caller, { year, month: month ? Number(month.slice(5, 7)) : undefined }));
}

export default function VolunteerFiguresPage() {
  const { t } = useTranslation();
  const f = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.figures.title')} description={t('volunteers.figures.intro')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      <Form method="get" noValidate className="flex flex-wrap items-end gap-2">
        <label className="text-sm text-slate-700" htmlFor="fig-year">
          {t('volunteers.figures.year')}
        </label>
        <Input id="fig-year" name="year" type="number" inputMode="numeric" defaultValue={String(f.year)} className="w-28" />
        <label className="text-sm text-slate-700" htmlFor="fig-month">
          {t('volunteers.figuresMonth.month')}
        </label>
        <MonthInput id="fig-month" name="month" defaultValue={f.month ? `${f.year}-${String(f.month).padStart(2, '0')}` : ''} className="w-40" aria-describedby="fig-month-hint" />
        <span id="fig-month-hint" className="w-full text-xs text-slate-500">
          {t('volunteers.figuresMonth.hint')}
        </span>
        <Button type="submit" variant="secondary">
          {t('volunteers.figures.show')}
        </Button>
        <a href={`/community/volunteers/figures/export?year=${f.year}`} className="rounded-md border border-brand-600 px-3 py-2 text-sm text-brand-700" data-testid="figures-export">
          {t('volunteers.figures.export')}
        </a>
      </Form>
      <h2 className="text-base font-semibold" data-testid="figures-period">
        {f.month ? t('volunteers.figuresMonth.period', { year: f.year, month: f.month }) : t('volunteers.figuresMonth.year', { year: f.year })}
      </h2>
      <Card className="grid grid-cols-2 gap-3 p-4 text-center md:grid-cols-4" data-testid="figures-totals">
        {(['activities', 'attendances', 'volunteers', 'hours'] as const).map((k) => (
          <div key={k}>
            <p className="text-2xl font-semibold text-slate-900">{f.totals[k]}</p>
            <p className="text-xs text-slate-500">{t(`volunteers.figures.${k}`)}</p>
          </div>
        ))}
      </Card>
      {f.teams.length === 0 ? (
        <EmptyState title={t('volunteers.figures.empty')} />
      ) : (
        <DataTable
          rows={f.teams}
          rowKey={(team) => team.id}
          pageSize={0}
          columns={[
            { id: 'team', header: t('volunteers.figures.team'), cell: (team) => team.name },
            ...(['activities', 'attendances', 'volunteers', 'hours'] as const).map((k) => ({ id: k, header: t(`volunteers.figures.${k}`), className: 'text-right tabular-nums', cell: (team: (typeof f.teams)[number]) => team[k] })),
          ]}
        />
      )}
      {f.volunteers.length ? (
        <DataTable
          rows={f.volunteers}
          rowKey={(v) => v.residentId}
          pageSize={100}
          columns={[
            {
              id: 'person',
              header: t('volunteers.figures.person'),
              cell: (v) => (
                <>
                  <Link to={`/community/volunteers/person/${v.residentId}`} className="text-brand-700 underline">
                    {v.nameHint}
                  </Link>
                  <span className="block text-xs text-slate-500">{v.teams.join('、')}</span>
                </>
              ),
            },
            { id: 'times', header: t('volunteers.figures.times'), className: 'text-right tabular-nums', cell: (v) => v.times },
            { id: 'hours', header: t('volunteers.figures.hours'), className: 'text-right tabular-nums', cell: (v) => v.hours },
            { id: 'stars', header: t('volunteers.figures.stars'), className: 'text-amber-600', cell: (v) => '★'.repeat(v.stars) },
          ]}
        />
      ) : null}
    </div>
  );
}
