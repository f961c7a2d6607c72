import { FeatureTabs } from '~/components/ui/section-tabs.tsx';

/**
 * The committee's pages (issue 18): meetings and decisions, partner units, service posts, each shown only to those
 * the server lets in (grid workers follow meetings and decisions but do not read the partner units' register, which
 * both other pages list). Wraps on a phone.
 */
export function CommitteeTabs() {
  return (
    <FeatureTabs
      feature="committee"
      tabs={[
        { path: '', tab: 'desk' },
        { path: 'partners', tab: 'partners', can: ['read', 'PartnerUnit'] },
        { path: 'posts', tab: 'posts', can: ['read', 'PartnerUnit'] },
      ]}
    />
  );
}

// The form messages' hook is shared by every page (it began here).
export { useReply } from '~/lib/form-reply.tsx';
