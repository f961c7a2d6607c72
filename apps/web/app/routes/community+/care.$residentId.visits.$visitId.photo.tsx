import type { LoaderFunctionArgs } from '@remix-run/node';
import { careVisitPhoto } from '@shequ/use-cases';
import { photoResponse } from '~/lib/photo-response.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { careCaller } from './care.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/**
 * A visit's photo (issue 20), for staff who may read the person's visits (careVisitPhoto: the office and 社工, a grid
 * worker their grids' people; anyone else the 404 page). Served `no-store`: a photo of someone's home is not kept
 * in a browser's cache, on a phone that may be shared.
 */
export const loader = resourceRoute('text', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await careCaller(request);
  const photo = await runAsStaff(caller, (tx) => careVisitPhoto(tx, caller, { residentId: params.residentId!, visitId: params.visitId! }));
  return photoResponse(photo, { noStore: true });
});
