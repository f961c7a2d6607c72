import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { useLooseT } from '~/lib/i18n.ts';

type TierRate = { tier: string; due: number; onTime: number; rate: number | null };
export type CareRatesData = { month: string; tiers: TierRate[]; total: { due: number; onTime: number; rate: number | null } };
export type CareComparisonData = { month: string; rows: { id: string; name: string; tiers: TierRate[]; total: { due: number; onTime: number; rate: number | null } }[] };

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
const TIERS = ['high', 'priority', 'regular'] as const;

/** The head cells of a visit-rate table: tier, visits due, on time, rate. */
export function RateHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th className="py-1 font-normal">{t('care.manage.colTier')}</th>
      <th className="py-1 text-right font-normal">{t('care.manage.colDue')}</th>
      <th className="py-1 text-right font-normal">{t('care.manage.colOnTime')}</th>
      <th className="py-1 text-right font-normal">{t('care.manage.colRate')}</th>
    </>
  );
}

/** A visit-rate card: the title with the month, the rate's written definition, then `children`. */
function RatesFrame({ month, children }: { month: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card className="overflow-x-auto">
      <CardHeader>
        <CardTitle>
          {t('care.dashboard.title')} · {month}
        </CardTitle>
      </CardHeader>
      <CardBody className="space-y-2">
        <p className="text-xs text-slate-500">{t('care.manage.ratesIntro')}</p>
        {children}
      </CardBody>
    </Card>
  );
}

/** The community's monthly visit rate per tier (issue 20), with its written definition: counts only. */
export function CareRatesCard({ data }: { data: CareRatesData }) {
  const { t } = useTranslation();
  const tt = useLooseT();
  return (
    <RatesFrame month={data.month}>
      <table className="w-full whitespace-nowrap text-left text-sm" data-testid="care-dashboard-rates">
        <thead className="text-slate-500">
          <tr>
            <RateHeads />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...data.tiers.map((r) => ({ key: r.tier, label: tt(`care.tier.${r.tier}`), ...r })), { key: 'total', label: t('care.manage.total'), ...data.total }].map((r) => (
            <tr key={r.key} data-testid={`care-dashboard-rate-${r.key}`}>
              <td className="py-1.5">{r.label}</td>
              <td className="py-1.5 text-right tabular-nums">{r.due}</td>
              <td className="py-1.5 text-right tabular-nums">{r.onTime}</td>
              <td className="py-1.5 text-right tabular-nums">{pct(r.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </RatesFrame>
  );
}

/** The district or street comparison of the monthly visit rate per tier (issue 20): communities' counts only. */
export function CareRatesComparison({ data }: { data: CareComparisonData }) {
  const { t } = useTranslation();
  const tt = useLooseT();
  return (
    <RatesFrame month={data.month}>
      {/* Every community is a row, "—" where it had no visit due that month; the note too when none had. */}
      {data.rows.every((r) => !r.total.due) ? <p className="text-sm text-slate-500" data-testid="care-comparison-none">{t('care.dashboard.none')}</p> : null}
      {data.rows.length === 0 ? null : (
        <table className="w-full whitespace-nowrap text-left text-sm" data-testid="care-comparison">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-normal">{t('dashboard.community')}</th>
              {TIERS.map((k) => (
                <th key={k} className="px-3 py-1 text-right font-normal">
                  {tt(`care.tier.${k}`)}
                </th>
              ))}
              <th className="py-1 pl-3 text-right font-normal">{t('care.manage.total')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.rows.map((r) => (
              <tr key={r.id} data-testid="care-comparison-row">
                <td className="py-1.5 pr-3">{r.name}</td>
                {TIERS.map((k) => {
                  const x = r.tiers.find((y) => y.tier === k);
                  return (
                    <td key={k} className="px-3 py-1.5 text-right tabular-nums" title={x ? `${x.onTime}/${x.due}` : undefined}>
                      {pct(x?.rate ?? null)}
                    </td>
                  );
                })}
                <td className="py-1.5 pl-3 text-right font-medium tabular-nums">{pct(r.total.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </RatesFrame>
  );
}

/** The month a dashboard period's visit rate is shown for: the month of its last day, or this month if that is later. */
export function careMonthOf(lastDay: string, today: string): string {
  return (lastDay < today ? lastDay : today).slice(0, 7);
}
