import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { getMealSettlement } from '@shequ/use-cases';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { SettlementFigures, SettlementPeople, SettlementTotals } from '~/components/meals/settlement.tsx';
import { Button } from '~/components/ui/button.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { loadSettlement } from './meals.server.ts';

export const meta = pageTitle('meals.settlement.title');

export async function loader({ request }: LoaderFunctionArgs) {
  return loadSettlement(request, getMealSettlement);
}

export default function MealSettlementPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  // The claim names people with their ID numbers: only who may reveal personal data gets it (exportMealClaim,
  // exportServiceClaim); the link shows only to them rather than answering 403 (issue 12, found from outside).
  const mayClaim = useCommunityCan()('reveal', 'PersonalData');
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t('meals.settlement.title')} · ${data.month}`}
        actions={
          mayClaim ? (
            <Button asChild variant="secondary" size="sm">
              <a href={`/community/meals/claim?month=${data.month}`} data-testid="claim-export">
                {t('meals.settlement.export')}
              </a>
            </Button>
          ) : null
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
      <SettlementPeople month={data.month} namesShown={data.namesShown} rows={data.byPerson} nameHeader={t('meals.kitchen.name')} count={{ id: 'meals', header: t('meals.settlement.meals'), value: (p) => p.meals }} empty={t('meals.settlement.empty')} />
    </div>
  );
}
