import { NavLink } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { cn } from '~/lib/utils.ts';

/** The care pages' tabs (issue 20), each shown only to those the server lets in. Wraps on a phone. */
export function CareTabs() {
  const { t } = useTranslation();
  const ability = useAbility();
  const { tenantId } = useScope();
  const roster = subject('CareRoster', { tenantId });
  const tabs = [
    { to: '/community/care', label: t('care.tabs.roster'), show: ability.can('read', roster), end: true },
    { to: '/community/care/app', label: t('care.tabs.app'), show: ability.can('read', roster) },
    { to: '/community/care/manage', label: t('care.tabs.manage'), show: ability.can('read', roster) },
    { to: '/community/care/conflicts', label: t('care.tabs.conflicts'), show: ability.can('manage', roster) },
  ].filter((x) => x.show);
  return (
    <nav aria-label={t('care.title')} className="flex flex-wrap gap-1 border-b border-slate-200 pb-2">
      {tabs.map((x) => (
        <NavLink
          key={x.to}
          to={x.to}
          end={x.end}
          className={({ isActive }) => cn('rounded-md px-3 py-1.5 text-sm', isActive ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100')}
        >
          {x.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** The tone of a window state: overdue stands out, due soon warns, visited recedes (the text carries the meaning). */
export function stateTone(state: string | null | undefined) {
  return state === 'overdue' ? 'danger' : state === 'due_soon' ? 'progress' : state === 'due' ? 'info' : state === 'visited' || state === 'visited_late' ? 'success' : 'muted';
}

/** The tone of a tier. */
export function tierTone(tier: string | null | undefined) {
  return tier === 'high' ? 'danger' : tier === 'priority' ? 'progress' : 'neutral';
}
