import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { SectionTabs } from '~/components/ui/section-tabs.tsx';

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
  ];
  return (
    <div className="print:hidden">
      <SectionTabs label={t('meals.title')} tabs={tabs} />
    </div>
  );
}
