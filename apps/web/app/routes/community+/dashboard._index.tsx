import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { subject } from '@shequ/permissions';
import { careVisitRates } from '@shequ/use-cases';
import { CareRatesCard, careMonthOf } from '~/components/care/care-rates.tsx';
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
      const scope = await requireDashboardScope(tx, { actor, ability }, 'community');
      if (!choice.ok) return pageRefusal(choice, { name: scope.name, message: refusedPeriodMessage(choice) });
      const figures = await communityFigures(tx, { actor, ability }, scope, choice.period);
      // The monthly visit rate per tier (issue 20) for the month the period ends in, to those who read the roster.
      const care = ability.can('read', subject('CareRoster', { tenantId: scope.unitId })) ? await careVisitRates(tx, { actor, ability }, { month: careMonthOf(figures.last, figures.today) }) : null;
      return { ...figures, care };
    }),
  );
}

export default function CommunityDashboardPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <CommunityFigures data={data} exportBase="/community/dashboard/export" />
      {'care' in data && data.care ? <CareRatesCard data={data.care} /> : null}
    </div>
  );
}
