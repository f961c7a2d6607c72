import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui/empty-state.tsx';
import { PeriodPicker } from './period-picker.tsx';

/**
 * The head of every figures page (a community's own, an officer's drill-down, a street's or district's comparison):
 * its title and what it shows, the exports of what is on screen (same query), and the help on the figures.
 * On a phone the links wrap under the title.
 */
export function DashboardHeader({ title, intro, exportBase, query, titleTestId }: { title: string; intro: string; exportBase: string; query: string; titleTestId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold text-slate-900" data-testid={titleTestId}>
          {title}
        </h1>
        <p className="mt-1 text-sm text-slate-500">{intro}</p>
      </div>
      <div className="flex flex-wrap gap-2 text-sm print:hidden">
        <a href={`${exportBase}?${query}&format=xlsx`} download className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50" data-testid="export-xlsx">
          {t('dashboard.export')}
        </a>
        <a href={`${exportBase}?${query}&format=csv`} download className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          {t('dashboard.exportCsv')}
        </a>
        <Link to="/help/metrics" className="px-1 py-1.5 text-brand-700 underline">
          {t('dashboard.help')}
        </Link>
      </div>
    </div>
  );
}

/** A figures page whose period could not be read: the title, the picker with the refusal under it, and no figures. */
export function RefusedPeriod({ title, refused, today, message, titleTestId }: { title: string; refused: { kind: string; value: string; to: string }; today: string; message: string; titleTestId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900" data-testid={titleTestId}>
        {title}
      </h1>
      <PeriodPicker key={`${refused.kind}:${refused.value}:${refused.to}`} kind={refused.kind} value={refused.value} to={refused.to} first={today} last={today} today={today} error={message} />
      <EmptyState title={t('dashboard.periodRefused')} />
    </div>
  );
}
