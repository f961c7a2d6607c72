import type { LoaderFunctionArgs } from '@remix-run/node';
import { withoutTenant } from '@shequ/db';
import { dashboardScope, UseCaseError } from '@shequ/use-cases';
import { communityExport } from '~/lib/community-figures.server.ts';
import { periodFromUrl } from '~/lib/dashboard.server.ts';
import { db } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';

// The community's own figures by category, as Excel or CSV.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const url = new URL(request.url);
  return guard(() =>
    withoutTenant(db, async (tx) => {
      const scope = await dashboardScope(tx, actor, ability).catch((e) => (e instanceof UseCaseError ? forbidden() : Promise.reject(e)));
      if (scope.kind !== 'community') forbidden();
      return communityExport(tx, scope, periodFromUrl(url), url.searchParams.get('format'));
    }),
  );
}
