import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid } from '@shequ/db';
import { communityExport } from '~/routes/community+/dashboard.server.ts';
import { periodFromUrl } from '~/routes/org+/dashboard.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { guard, notFound } from '~/lib/http.server.ts';
import { officerCommunity, requireDashboardScope } from '~/routes/org+/dashboard.scope.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// One community's figures by category, exported by an officer whose street or district it belongs to.
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'org');
  if (!isUuid(params.communityId)) notFound();
  const url = new URL(request.url);
  const choice = periodFromUrl(url);
  return guard(() =>
    withActor(actor, async (tx) => {
      const scope = await requireDashboardScope(tx, { actor, ability }, 'org');
      return communityExport(tx, { actor, ability }, await officerCommunity(tx, { actor, ability }, scope, params.communityId!, choice.ok ? choice.period : null), choice, url.searchParams.get('format'));
    }),
  );
});
