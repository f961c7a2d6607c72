import { NavLink } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { cn } from '~/lib/utils.ts';

/** The meal help pages' tabs (decision 038), each shown only to those the server lets in. Wraps on a phone. */
export function MealTabs() {
  const { t } = useTranslation();
  const ability = useAbility();
  const { tenantId } = useScope();
  const meal = subject('MealService', { tenantId });
  const tabs = [
    { to: '/community/meals', label: t('meals.tabs.menu'), show: ability.can('read', meal), end: true },
    { to: '/community/meals/bookings', label: t('meals.tabs.bookings'), show: ability.can('create', meal) },
    { to: '/community/meals/counter', label: t('meals.tabs.counter'), show: ability.can('update', meal) },
    { to: '/community/meals/kitchen', label: t('meals.tabs.kitchen'), show: ability.can('update', meal) },
    { to: '/community/meals/settlement', label: t('meals.tabs.settlement'), show: ability.can('update', meal) },
    { to: '/community/meals/settings', label: t('meals.tabs.settings'), show: ability.can('read', meal) },
  ].filter((x) => x.show);
  return (
    <nav aria-label={t('meals.title')} className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 print:hidden">
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

