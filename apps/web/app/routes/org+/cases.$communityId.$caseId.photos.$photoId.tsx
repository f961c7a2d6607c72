import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid, withTenant } from '@shequ/db';
import { staffPhoto } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { photoResponse } from '~/lib/photo-response.server.ts';
import { requireCommunityInReach } from '~/lib/reach.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';

// A photo of an escalated case, for the officers who may read that case (checked by staffPhoto).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  if (!isUuid(params.caseId) || !isUuid(params.photoId)) notFound();
  const communityId = await requireCommunityInReach(actor, params.communityId);
  try {
    const photo = await withTenant(db, communityId, (tx) => staffPhoto(tx, ability, communityId, params.caseId!, params.photoId!));
    return await photoResponse(photo);
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}
