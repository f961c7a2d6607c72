import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@shequ/domain';
import { getKitchenSheet } from '@shequ/use-cases';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { NoSittings } from '~/components/meals/no-sittings.tsx';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { PrintButton } from '~/components/meals/print-button.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { queryDay } from '~/lib/query-params.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('meals.kitchen.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const day = queryDay(request, chinaToday());
  const sheet = await runAsStaff(caller, (tx) => getKitchenSheet(tx, caller, { day }));
  return { ...sheet, sittings: sheet.sittings.map((s) => ({ ...s, cutoffAt: chinaDateTime(s.cutoffAt).slice(0, 16) })) };
}

export default function KitchenSheetPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader title={`${t('meals.kitchen.title')} · ${data.day}`} actions={<PrintButton />} />
      <MealTabs />
      <PeriodForm period="day" value={data.day} label={t('meals.bookings.day')} className="print:hidden" />
      {data.sittings.length === 0 ? <NoSittings /> : null}
      {data.sittings.map((s) => (
        <Card key={s.sittingId} className="break-inside-avoid" data-testid={`kitchen-${s.meal}`}>
          <CardHeader>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <CardTitle>{s.name}</CardTitle>
              <Badge tone={s.final ? 'success' : 'progress'}>{s.final ? t('meals.kitchen.final') : t('meals.kitchen.open')}</Badge>
            </div>
            <p className="text-xs text-slate-500">{t('meals.menu.cutoff', { at: s.cutoffAt })}</p>
          </CardHeader>
          <CardBody className="space-y-4">
            <dl className="grid grid-cols-2 gap-2 text-center sm:grid-cols-4">
              {[
                [t('meals.kitchen.meals'), s.meals, 'kitchen-meals'],
                [t('meals.kitchen.dineIn'), s.dineIn, 'kitchen-dine-in'],
                [t('meals.kitchen.delivery'), s.delivery, 'kitchen-delivery'],
                [t('meals.kitchen.waiting'), s.waiting, 'kitchen-waiting'],
              ].map(([label, value, id]) => (
                <div key={String(id)} className="rounded-md bg-slate-50 p-2">
                  <dt className="text-xs text-slate-500">{label}</dt>
                  <dd className="text-2xl font-semibold tabular-nums text-slate-900" data-testid={String(id)}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
            {/* Only a published menu goes to the kitchen (issue 19's trial printed a draft): say so, on paper too. */}
            {!s.published ? (
              <Alert tone="warning" data-testid="kitchen-not-published">
                {s.draft ? t('meals.kitchen.draft') : t('meals.kitchen.noMenu')}
              </Alert>
            ) : null}
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-1 font-normal">{t('meals.kitchen.dish')}</th>
                  <th className="py-1 text-right font-normal">{t('meals.kitchen.portions')}</th>
                </tr>
              </thead>
              <tbody>
                {s.dishes.map((d) => (
                  <tr key={d.name} className="border-b border-slate-100">
                    <td className="py-1">
                      {d.name} <span className="text-xs text-slate-500">{d.tags.join(' ')}</span>
                    </td>
                    <td className="py-1 text-right tabular-nums">{d.portions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div>
              <h3 className="mb-1 text-sm font-medium text-slate-700">{t('meals.kitchen.diets')}</h3>
              {s.diets.length ? (
                <ul className="flex flex-wrap gap-2 text-sm">
                  {s.diets.map((d) => (
                    <li key={d.diet} className="rounded bg-amber-50 px-2 py-0.5 text-amber-900" data-testid="kitchen-diet" data-diet={d.diet}>
                      {d.diet} × {d.count}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">{t('meals.kitchen.noDiets')}</p>
              )}
            </div>
            <div>
              <h3 className="mb-1 text-sm font-medium text-slate-700">{t('meals.kitchen.deliveries')}</h3>
              {s.deliveries.length === 0 ? <p className="text-sm text-slate-500">{t('meals.kitchen.noDeliveries')}</p> : null}
              <ul className="space-y-0.5 text-sm">
                {s.deliveries.map((g) => (
                  <li key={g.grid} data-testid="kitchen-delivery-grid">
                    {g.grid || t('meals.kitchen.noGrid')}
                    {g.gridWorker ? ` · ${g.gridWorker}` : ''} · {g.meals}
                  </li>
                ))}
              </ul>
              {s.deliveries.length ? (
                <Link to={`/community/meals/deliveries?day=${data.day}`} className="mt-1 inline-block text-sm text-brand-700 underline print:hidden" data-testid="kitchen-deliveries-open">
                  {t('meals.deliveries.open')}
                </Link>
              ) : null}
            </div>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
