import { useTranslation } from 'react-i18next';
import { useCommunityCan } from '~/lib/ability.tsx';
import { SectionTabs } from '~/components/ui/section-tabs.tsx';

/**
 * The committee's pages (issue 18): meetings and decisions, partner units, service posts, each shown only to those
 * the server lets in (grid workers follow meetings and decisions but do not read the partner units' register, which
 * both other pages list). Wraps on a phone.
 */
export function CommitteeTabs() {
  const { t } = useTranslation();
  const can = useCommunityCan();
  const partners = can('read', 'PartnerUnit');
  const tabs = [
    { to: '/community/committee', label: t('committee.tabs.desk'), end: true },
    { to: '/community/committee/partners', label: t('committee.tabs.partners'), show: partners },
    { to: '/community/committee/posts', label: t('committee.tabs.posts'), show: partners },
  ];
  return <SectionTabs label={t('committee.title')} tabs={tabs} />;
}

// The form messages' hook is shared by every page (it began here).
export { useReply } from '~/lib/form-reply.tsx';
