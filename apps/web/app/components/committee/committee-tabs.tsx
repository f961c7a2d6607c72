import { useTranslation } from 'react-i18next';
import { SectionTabs } from '~/components/ui/section-tabs.tsx';

/** The committee's pages (issue 18): meetings and decisions, partner units, service posts. Wraps on a phone. */
export function CommitteeTabs() {
  const { t } = useTranslation();
  const tabs = [
    { to: '/community/committee', label: t('committee.tabs.desk'), end: true },
    { to: '/community/committee/partners', label: t('committee.tabs.partners') },
    { to: '/community/committee/posts', label: t('committee.tabs.posts') },
  ];
  return <SectionTabs label={t('committee.title')} tabs={tabs} />;
}

// The form messages' hook is shared by every page (it began here).
export { useReply } from '~/lib/form-reply.tsx';
