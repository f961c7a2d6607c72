import type { LoaderFunctionArgs } from '@remix-run/node';
import { casePhotoResponse } from '~/lib/photo-response.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

export const loader = resourceRoute('text', async ({ request, params }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'community');
  return casePhotoResponse({ actor, ability }, actor.workspace.tenantId!, params.caseId, params.photoId);
});
