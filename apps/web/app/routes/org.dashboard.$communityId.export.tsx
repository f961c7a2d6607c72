import type { LoaderFunctionArgs } from '@remix-run/node';
import { chinaDayStart } from '@shequ/domain';
import { isUuid, withoutTenant } from '@shequ/db';
import { communitiesOf, dashboardScope, UseCaseError } from '@shequ/use-cases';
import { communityExport } from '~/lib/community-figures.server.ts';
import { periodFromUrl } from '~/lib/dashboard.server.ts';
import { db } from '~/lib/db.server.ts';
import { forbidden, guard, notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';

// One community's figures by category, exported by an officer whose street or district it belongs to.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  if (!isUuid(params.communityId)) notFound();
  const url = new URL(request.url);
  const period = periodFromUrl(url);
  return guard(() =>
    withoutTenant(db, async (tx) => {
      const scope = await dashboardScope(tx, actor, ability).catch((e) => (e instanceof UseCaseError ? forbidden() : Promise.reject(e)));
      if (scope.kind === 'community') forbidden();
      const community = (await communitiesOf(tx, scope, new Date(Math.min(chinaDayStart(period.range.to).getTime() - 1, Date.now())))).find((c) => c.id === params.communityId);
      if (!community) notFound();
      return communityExport(tx, { kind: 'community', unitId: community.id, name: community.name, streetId: community.streetId }, period, url.searchParams.get('format'));
    }),
  );
}
