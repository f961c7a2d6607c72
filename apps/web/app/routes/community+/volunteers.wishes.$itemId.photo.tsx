import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid } from '@shequ/db';
import { getWishLitPhoto } from '@shequ/use-cases';
import { notFound } from '~/lib/http.server.ts';
import { photoResponse } from '~/lib/photo-response.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// The photo a wish of the wish wall was confirmed lit with (issue 17), for staff of its community only (another
// community's id, or a wish without a photo: 404). Never shown on the public wall.
export const loader = resourceRoute('text', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.itemId)) notFound();
  const photo = await runAsStaff(caller, (tx) => getWishLitPhoto(tx, caller, { itemId: params.itemId! }));
  return photoResponse(photo);
});
