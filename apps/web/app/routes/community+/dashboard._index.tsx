import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { CommunityFigures } from '~/components/dashboard/community-figures.tsx';
import { communityFigures } from '~/routes/community+/dashboard.server.ts';
import { pageRefusal, periodFromUrl, refusedPeriodMessage } from '~/routes/org+/dashboard.server.ts';
import { withActor } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireDashboardScope } from '~/routes/org+/dashboard.scope.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('dashboard.title');

// The community's own figures, against its street overall.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const choice = periodFromUrl(new URL(request.url));
  return guard(() =>
    withActor(actor, async (tx) => {
      const scope = await requireDashboardScope(tx, actor, ability, 'community');
      if (!choice.ok) return pageRefusal(choice, { name: scope.name, message: refusedPeriodMessage(choice) });
      return communityFigures(tx, { actor, ability }, scope, choice.period);
    }),
  );
}

export default function CommunityDashboardPage() {
  return <CommunityFigures data={useLoaderData<typeof loader>()} exportBase="/community/dashboard/export" />;
}
