import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { getCommunityOverview } from '@shequ/use-cases';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('console.community.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const communityId = caller.actor.workspace.tenantId!;
  const overview = await guard(() => withTenant(db, communityId, (tx) => getCommunityOverview(tx, caller, { communityId })));
  return { ...overview, user: caller.actor.displayName };
}

export default function CommunityOverview() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader
        titleTestId="console-title"
        title={`${data.name} · ${t('console.community.title')}`}
        description={`${t('console.community.welcome', { name: data.user })}，${t('console.community.intro', { community: data.name })}`}
      />
      <dl className="grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-5" data-testid="case-counts">
        {(['yearCollected', 'yearClosed', 'totalCollected', 'totalClosed', 'open'] as const).map((k) => (
          <Card key={k}>
            <CardBody>
              <dt className="text-sm text-slate-500">{t(`console.community.counts.${k}`)}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`count-${k}`}>
                {data.counts[k]}
              </dd>
            </CardBody>
          </Card>
        ))}
      </dl>
      <dl className="grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-4" data-testid="community-stats">
        {(['grids', 'buildings', 'categories', 'staff'] as const).map((k) => (
          <Card key={k}>
            <CardBody>
              <dt className="text-sm text-slate-500">{t(`console.community.stats.${k}`)}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{data.stats[k]}</dd>
            </CardBody>
          </Card>
        ))}
      </dl>
    </div>
  );
}
