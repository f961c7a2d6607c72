import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { getServiceSettlement } from '@shequ/use-cases';
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

export const meta = pageTitle('services.settlement.title');

// The month's settlement of the station's services (issue 19: price and subsidy as for meals): only services done.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const month = queryMonth(request, chinaToday().slice(0, 7));
  // Full names only when asked (names=1) by whoever may see personal data; the use case writes the view to the audit log.
  const names = new URL(request.url).searchParams.get('names') === '1' && caller.ability.can('reveal', subject('PersonalData', { tenantId: caller.actor.workspace.tenantId ?? '' }));
  const settlement = await runAsStaff(caller, (tx) => getServiceSettlement(tx, caller, { month, names, cipher: caseDeps.cipher }));
  return { ...settlement, namesShown: names };
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>['byPerson'][number];

export default function ServiceSettlementPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const can = useCommunityCan();
  const figures = (people: number, uses: number, subsidyCents: number) =>
    `${t('meals.settlement.people')} ${people} · ${t('services.settlement.uses')} ${uses} · ${t('meals.settlement.subsidy')} ${yuan(subsidyCents)}`;
  const people: Column<Person>[] = [
    { id: 'name', header: t('services.settlement.name'), label: t('services.settlement.name'), cell: (p) => <SettlementPerson person={p} />, sortValue: (p) => p.name ?? p.nameHint },
    { id: 'category', header: t('meals.settlement.category'), label: t('meals.settlement.category'), cell: (p) => p.category ?? t('meals.settlement.none'), sortValue: (p) => p.category ?? '' },
    { id: 'uses', header: t('services.settlement.uses'), label: t('services.settlement.uses'), className: 'text-right tabular-nums', cell: (p) => p.uses, sortValue: (p) => p.uses },
    { id: 'subsidy', header: t('meals.settlement.subsidy'), label: t('meals.settlement.subsidy'), className: 'text-right tabular-nums', cell: (p) => yuan(p.subsidyCents), sortValue: (p) => p.subsidyCents },
    { id: 'paid', header: t('meals.settlement.paid'), label: t('meals.settlement.paid'), className: 'text-right tabular-nums', cell: (p) => yuan(p.paidCents), sortValue: (p) => p.paidCents },
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t('services.settlement.title')} · ${data.month}`}
        actions={
          <>
            <Button asChild variant="secondary" size="sm">
              <Link to="/community/services">{t('services.settlement.back')}</Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <a href={`/community/services/claim?month=${data.month}`} data-testid="service-claim-export">
                {t('meals.settlement.export')}
              </a>
            </Button>
          </>
        }
      />
      <PeriodForm period="month" value={data.month} label={t('meals.settlement.month')} />
      <SettlementFigures
        items={[
          [t('services.settlement.uses'), String(data.uses), 'service-settlement-uses'],
          [t('services.settlement.price'), yuan(data.priceCents), 'service-settlement-price'],
          [t('meals.settlement.subsidy'), yuan(data.subsidyCents), 'service-settlement-subsidy'],
          [t('meals.settlement.paid'), yuan(data.paidCents), 'service-settlement-paid'],
        ]}
      />
      <SettlementTotals
        title={t('services.settlement.byService')}
        empty={t('services.settlement.empty')}
        rows={data.byService.map((s) => ({ key: s.service, name: s.service, figures: figures(s.people, s.uses, s.subsidyCents) }))}
      />
      <SettlementTotals
        title={t('meals.settlement.byCategory')}
        empty={t('services.settlement.empty')}
        rows={data.byCategory.map((c) => ({ key: c.category ?? '', name: c.category ?? t('meals.settlement.none'), figures: figures(c.people, c.uses, c.subsidyCents) }))}
      />
      <h2 className="text-base font-semibold text-slate-800">{t('meals.settlement.byPerson')}</h2>
      <SettlementNamesToggle month={data.month} shown={data.namesShown} canReveal={can('reveal', 'PersonalData')} />
      <DataTable rows={data.byPerson} columns={people} rowKey={(p) => p.residentId} empty={t('services.settlement.empty')} />
    </div>
  );
}
