import type { LoaderFunctionArgs } from '@remix-run/node';
import { withTenant } from '@shequ/db';
import { anonymousCaller, residentPhoto } from '@shequ/use-cases';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { db } from '~/lib/db.server.ts';
import { photoResponse } from '~/lib/photo-response.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// A photo of the resident's own case, by tracking code; hidden photos are not served here.
export const loader = resourceRoute('text', async ({ params }: LoaderFunctionArgs) => {
  const community = await communityBySlug(params.slug);
  if (!/^[0-9a-f-]{36}$/.test(params.photoId ?? '')) notFound();
  try {
    const photo = await withTenant(db, community.id, (tx) => residentPhoto(tx, anonymousCaller(), { tenantId: community.id, code: params.code ?? '', photoId: params.photoId! }));
    return await photoResponse(photo);
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
});
