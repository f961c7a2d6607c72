import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useParams, useSearchParams } from '@remix-run/react';
import { chinaDayStart } from '@shequ/domain';
import { isUuid, withoutTenant } from '@shequ/db';
import { communitiesOf, dashboardScope, UseCaseError } from '@shequ/use-cases';
import { CommunityFigures } from '~/components/dashboard/community-figures.tsx';
import { communityFigures } from '~/lib/community-figures.server.ts';
import { periodFromUrl } from '~/lib/dashboard.server.ts';
import { db } from '~/lib/db.server.ts';
import { forbidden, guard, notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';

// An officer's drill-down into one community of their street or district: its aggregated figures only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  if (!isUuid(params.communityId)) notFound();
  const period = periodFromUrl(new URL(request.url));
  return guard(() =>
    withoutTenant(db, async (tx) => {
      const scope = await dashboardScope(tx, actor, ability).catch((e) => (e instanceof UseCaseError ? forbidden() : Promise.reject(e)));
      if (scope.kind === 'community') forbidden();
      const community = (await communitiesOf(tx, scope, new Date(Math.min(chinaDayStart(period.range.to).getTime() - 1, Date.now())))).find((c) => c.id === params.communityId);
      if (!community) notFound();
      return communityFigures(tx, { kind: 'community', unitId: community.id, name: community.name, streetId: community.streetId }, period);
    }),
  );
}

export default function CommunityDrillDown() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { communityId } = useParams();
  return <CommunityFigures data={data} back={`/org/dashboard?${params.toString()}`} exportBase={`/org/dashboard/${communityId}/export`} />;
}
