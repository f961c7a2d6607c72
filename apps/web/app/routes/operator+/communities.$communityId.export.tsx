import type { LoaderFunctionArgs } from '@remix-run/node';
import { ForbiddenError } from '@shequ/permissions';
import { exportResponse } from '~/routes/operator+/communities.$communityId.export.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// A full export of one community's data (zip of JSON and CSV per table, photos, manifest). Operators only; audited.
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'operator');
  try {
    return await exportResponse({ actor, ability }, params.communityId ?? '');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) notFound();
    throw error;
  }
});
