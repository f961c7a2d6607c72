import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { SectionTabs } from '~/components/ui/section-tabs.tsx';

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
  ];
  return <SectionTabs label={t('care.title')} tabs={tabs} />;
}

/** The tone of a window state: overdue stands out, due soon warns, visited recedes (the text carries the meaning). */
export function stateTone(state: string | null | undefined) {
  return state === 'overdue' ? 'danger' : state === 'due_soon' ? 'progress' : state === 'due' ? 'info' : state === 'visited' || state === 'visited_late' ? 'success' : 'muted';
}

/** The tone of a tier. */
export function tierTone(tier: string | null | undefined) {
  return tier === 'high' ? 'danger' : tier === 'priority' ? 'progress' : 'neutral';
}
