import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { METRIC_KEYS } from '@shequ/domain';
import { pageTitle } from '~/lib/meta.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('dashboard.help');

// How every dashboard figure is computed, in words (one definition: packages/domain/src/metrics/definitions.ts).
export default function MetricsHelp() {
  const { t } = useTranslation();
  return (
    <ResidentPage title={t('dashboard.help')} intro={t('dashboard.helpIntro')} className="mx-auto max-w-3xl px-4 py-8">
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="metric-definitions">
        {METRIC_KEYS.map((k) => (
          <div key={k} id={k} className="px-5 py-3">
            <dt className="font-medium text-slate-900">{t(`dashboard.metrics.${k}`)}</dt>
            <dd className="mt-1 text-sm text-slate-700">{t(`dashboard.definitions.${k}`)}</dd>
          </div>
        ))}
      </dl>
      <section id="overdue" className="rounded-lg border border-slate-200 bg-white px-5 py-4" data-testid="overdue-definition">
        <h2 className="font-medium text-slate-900">{t('dashboard.overdueTitle')}</h2>
        <p className="mt-1 text-sm text-slate-700">{t('dashboard.overdueNote')}</p>
      </section>
      <section id="care-visit-rate" className="rounded-lg border border-slate-200 bg-white px-5 py-4" data-testid="care-rate-definition">
        <h2 className="font-medium text-slate-900">{t('dashboard.careRateTitle')}</h2>
        <p className="mt-1 text-sm text-slate-700">{t('dashboard.careRateNote')}</p>
      </section>
      <Link to="/" className="text-sm text-brand-700 underline">
        {t('errors.home')}
      </Link>
    </ResidentPage>
  );
}
