import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { getMealSettlement } from '@shequ/use-cases';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { SettlementFigures, SettlementNamesToggle, SettlementPerson, SettlementTotals } from '~/components/meals/settlement.tsx';
import { Button } from '~/components/ui/button.tsx';
import { type Column, DataTable } from '~/components/ui/data-table.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { subject } from '@shequ/permissions';
import { useCommunityCan } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { queryMonth } from '~/lib/query-params.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('meals.settlement.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const month = queryMonth(request, chinaToday().slice(0, 7));
  // Full names only when asked (names=1) by whoever may see personal data; the use case writes the view to the audit log.
  const names = new URL(request.url).searchParams.get('names') === '1' && caller.ability.can('reveal', subject('PersonalData', { tenantId: caller.actor.workspace.tenantId ?? '' }));
  const settlement = await runAsStaff(caller, (tx) => getMealSettlement(tx, caller, { month, names, cipher: caseDeps.cipher }));
  return { ...settlement, namesShown: names };
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>['byPerson'][number];

export default function MealSettlementPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const can = useCommunityCan();
  const people: Column<Person>[] = [
    { id: 'name', header: t('meals.kitchen.name'), label: t('meals.kitchen.name'), cell: (p) => <SettlementPerson person={p} />, sortValue: (p) => p.name ?? p.nameHint },
    { id: 'category', header: t('meals.settlement.category'), label: t('meals.settlement.category'), cell: (p) => p.category ?? t('meals.settlement.none'), sortValue: (p) => p.category ?? '' },
    { id: 'meals', header: t('meals.settlement.meals'), label: t('meals.settlement.meals'), className: 'text-right tabular-nums', cell: (p) => p.meals, sortValue: (p) => p.meals },
    { id: 'subsidy', header: t('meals.settlement.subsidy'), label: t('meals.settlement.subsidy'), className: 'text-right tabular-nums', cell: (p) => yuan(p.subsidyCents), sortValue: (p) => p.subsidyCents },
    { id: 'paid', header: t('meals.settlement.paid'), label: t('meals.settlement.paid'), className: 'text-right tabular-nums', cell: (p) => yuan(p.paidCents), sortValue: (p) => p.paidCents },
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t('meals.settlement.title')} · ${data.month}`}
        actions={
          <Button asChild variant="secondary" size="sm">
            <a href={`/community/meals/claim?month=${data.month}`} data-testid="claim-export">
              {t('meals.settlement.export')}
            </a>
          </Button>
        }
      />
      <MealTabs />
      <PeriodForm period="month" value={data.month} label={t('meals.settlement.month')} />
      <SettlementFigures
        items={[
          [t('meals.settlement.meals'), String(data.meals), 'settlement-meals'],
          [t('meals.settlement.price'), yuan(data.priceCents), 'settlement-price'],
          [t('meals.settlement.subsidy'), yuan(data.subsidyCents), 'settlement-subsidy'],
          [t('meals.settlement.paid'), yuan(data.paidCents), 'settlement-paid'],
        ]}
      />
      <SettlementTotals
        title={t('meals.settlement.byCategory')}
        empty={t('meals.settlement.empty')}
        rows={data.byCategory.map((c) => ({
          key: c.category ?? '',
          name: c.category ?? t('meals.settlement.none'),
          figures: `${t('meals.settlement.people')} ${c.people} · ${t('meals.settlement.meals')} ${c.meals} · ${t('meals.settlement.subsidy')} ${yuan(c.subsidyCents)}`,
        }))}
      />
      <h2 className="text-base font-semibold text-slate-800">{t('meals.settlement.byPerson')}</h2>
      <SettlementNamesToggle month={data.month} shown={data.namesShown} canReveal={can('reveal', 'PersonalData')} />
      <DataTable rows={data.byPerson} columns={people} rowKey={(p) => p.residentId} empty={t('meals.settlement.empty')} />
    </div>
  );
}
