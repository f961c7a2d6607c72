import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid, withTenant } from '@shequ/db';
import { staffPhoto } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { photoResponse } from '~/lib/photo-response.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (!isUuid(params.caseId) || !isUuid(params.photoId)) notFound();
  try {
    const photo = await withTenant(db, tenantId, (tx) => staffPhoto(tx, ability, tenantId, params.caseId!, params.photoId!));
    return await photoResponse(photo);
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}
