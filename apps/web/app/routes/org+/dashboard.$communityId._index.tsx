import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData, useParams, useSearchParams } from '@remix-run/react';
import { isUuid } from '@shequ/db';
import { CommunityFigures } from '~/components/dashboard/community-figures.tsx';
import { communityFigures } from '~/routes/community+/dashboard.server.ts';
import { pageRefusal, periodFromUrl, refusedPeriodMessage } from '~/routes/org+/dashboard.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { guard, notFound } from '~/lib/http.server.ts';
import { officerCommunity, requireDashboardScope } from '~/routes/org+/dashboard.scope.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';

// Named by its community: the comparison's page and each community's drill-down are told apart.
export const meta = pageTitle('dashboard.title', dataField('name'));

// An officer's drill-down into one community of their street or district: its aggregated figures only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  if (!isUuid(params.communityId)) notFound();
  const choice = periodFromUrl(new URL(request.url));
  return guard(() =>
    withActor(actor, async (tx) => {
      const scope = await requireDashboardScope(tx, { actor, ability }, 'org');
      const community = await officerCommunity(tx, { actor, ability }, scope, params.communityId!, choice.ok ? choice.period : null);
      if (!choice.ok) return pageRefusal(choice, { name: community.name, message: refusedPeriodMessage(choice) });
      return communityFigures(tx, { actor, ability }, community, choice.period);
    }),
  );
}

export default function CommunityDrillDown() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { communityId } = useParams();
  return <CommunityFigures data={data} back={`/org/dashboard?${params.toString()}`} exportBase={`/org/dashboard/${communityId}/export`} />;
}
