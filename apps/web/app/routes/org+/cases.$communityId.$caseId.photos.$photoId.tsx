import type { LoaderFunctionArgs } from '@remix-run/node';
import { casePhotoResponse } from '~/lib/photo-response.server.ts';
import { requireCommunityInReach } from '~/lib/reach.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// A photo of an escalated case, for the officers who may read that case (checked by staffPhoto).
export const loader = resourceRoute('text', async ({ request, params }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'org');
  const communityId = await requireCommunityInReach(actor, params.communityId);
  return casePhotoResponse({ actor, ability }, communityId, params.caseId, params.photoId);
});
