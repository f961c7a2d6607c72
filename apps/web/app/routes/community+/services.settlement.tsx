import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { getServiceSettlement } from '@shequ/use-cases';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { SettlementFigures, SettlementPeople, SettlementTotals } from '~/components/meals/settlement.tsx';
import { Button } from '~/components/ui/button.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { loadSettlement } from './meals.server.ts';

export const meta = pageTitle('services.settlement.title');

// The month's settlement of the station's services (issue 19: price and subsidy as for meals): only services done.
export async function loader({ request }: LoaderFunctionArgs) {
  return loadSettlement(request, getServiceSettlement);
}

export default function ServiceSettlementPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  // The claim names people with their ID numbers: only who may reveal personal data gets it (exportMealClaim,
  // exportServiceClaim); the link shows only to them rather than answering 403 (issue 12, found from outside).
  const mayClaim = useCommunityCan()('reveal', 'PersonalData');
  const figures = (people: number, uses: number, subsidyCents: number) =>
    `${t('meals.settlement.people')} ${people} · ${t('services.settlement.uses')} ${uses} · ${t('meals.settlement.subsidy')} ${yuan(subsidyCents)}`;
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t('services.settlement.title')} · ${data.month}`}
        actions={
          <>
            <Button asChild variant="secondary" size="sm">
              <Link to="/community/services">{t('services.settlement.back')}</Link>
            </Button>
            {mayClaim ? (
              <Button asChild variant="secondary" size="sm">
                <a href={`/community/services/claim?month=${data.month}`} data-testid="service-claim-export">
                  {t('meals.settlement.export')}
                </a>
              </Button>
            ) : null}
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
      <SettlementPeople month={data.month} namesShown={data.namesShown} rows={data.byPerson} nameHeader={t('services.settlement.name')} count={{ id: 'uses', header: t('services.settlement.uses'), value: (p) => p.uses }} empty={t('services.settlement.empty')} />
    </div>
  );
}
