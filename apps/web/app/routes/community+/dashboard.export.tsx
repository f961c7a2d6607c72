import type { LoaderFunctionArgs } from '@remix-run/node';
import { communityExport } from '~/routes/community+/dashboard.server.ts';
import { periodFromUrl } from '~/routes/org+/dashboard.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireDashboardScope } from '~/routes/org+/dashboard.scope.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// The community's own figures by category, as Excel or CSV.
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'community');
  const url = new URL(request.url);
  return guard(() =>
    withActor(actor, async (tx) => {
      const scope = await requireDashboardScope(tx, { actor, ability }, 'community');
      return communityExport(tx, { actor, ability }, scope, periodFromUrl(url), url.searchParams.get('format'));
    }),
  );
});
