import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { and, count, eq, inArray } from 'drizzle-orm';
import { useTranslation } from 'react-i18next';
import { buildings, categories, grids, memberships, orgUnits, withTenant } from '@shequ/db';
import { communityCaseCounts } from '@shequ/use-cases';
import { subject } from '@shequ/permissions';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { assertCan } from '@shequ/permissions';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('console.community.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  return withTenant(db, tenantId, async (tx) => {
    const [community] = await tx.select().from(orgUnits).where(eq(orgUnits.id, tenantId));
    await guard(() => assertCan(ability, 'read', subject('Community', { id: community!.id, streetId: community!.streetId!, districtId: community!.districtId! })));
    const [[g], [b], [c], [s]] = await Promise.all([
      tx.select({ n: count() }).from(grids),
      tx.select({ n: count() }).from(buildings),
      tx.select({ n: count() }).from(categories).where(eq(categories.active, true)),
      tx
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, ['community_admin', 'community_staff', 'grid_worker', 'volunteer_leader']))),
    ]);
    const counts = await communityCaseCounts(tx, tenantId);
    return {
      counts,
      name: community!.name,
      profile: community!.profile,
      user: actor.displayName,
      stats: { grids: g!.n, buildings: b!.n, categories: c!.n, staff: s!.n },
    };
  });
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
