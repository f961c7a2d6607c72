import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid } from '@shequ/db';
import { getActionProgressPhoto } from '@shequ/use-cases';
import { notFound } from '~/lib/http.server.ts';
import { photoResponse } from '~/lib/photo-response.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// The photo of an action item's progress update (issue 18), for staff of its community who read the committee's
// work (another community's id, or an update without a photo: 404). Not shown on the public pages.
export const loader = resourceRoute('text', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.decisionId) || !isUuid(params.updateId)) notFound();
  const photo = await runAsStaff(caller, (tx) => getActionProgressPhoto(tx, caller, { decisionId: params.decisionId!, updateId: params.updateId! }));
  return photoResponse(photo);
});
