import { NavLink } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/ui/alert.tsx';
import { useErrorText } from '~/lib/error-text.ts';
import { cn } from '~/lib/utils.ts';

/** The committee's pages (issue 18): meetings and decisions, partner units, service posts. Wraps on a phone. */
export function CommitteeTabs() {
  const { t } = useTranslation();
  const tabs = [
    { to: '/community/committee', label: t('committee.tabs.desk'), end: true },
    { to: '/community/committee/partners', label: t('committee.tabs.partners') },
    { to: '/community/committee/posts', label: t('committee.tabs.posts') },
  ];
  return (
    <nav aria-label={t('committee.title')} className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 print:hidden">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className={({ isActive }) => cn('rounded-md px-3 py-1.5 text-sm', isActive ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100')}>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}

type Reply = { form: string; errors: Record<string, string[] | undefined>; error: string | null; params: Record<string, string | number> } | undefined | null;

/**
 * The messages of the form that was sent (a page holds several): `err(form, field)` beside a field, `alert(form)`
 * above the form (a refusal naming no field).
 */
export function useReply(reply: unknown) {
  const { t } = useTranslation();
  const r = reply && typeof reply === 'object' && 'form' in reply ? (reply as NonNullable<Reply>) : null;
  const tr = useErrorText(r?.params);
  const err = (form: string, field: string) => (r?.form === form ? tr(r.errors[field]?.[0]) : null);
  const alert = (form: string) =>
    r?.form === form && (r.error || Object.keys(r.errors).length) ? (
      <Alert tone="error" data-testid={`${form}-error`}>
        {r.error ? (t as unknown as (key: string, values?: Record<string, unknown>) => string)(r.error, r.params) : t('committee.checkFields')}
      </Alert>
    ) : null;
  return { err, alert, sent: r?.form ?? null };
}
