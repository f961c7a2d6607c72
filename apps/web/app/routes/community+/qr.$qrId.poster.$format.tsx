import type { LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '~/lib/http.server.ts';
import { isPosterFormat, posterResponse } from '~/lib/posters/respond.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// A printable A4 poster (PDF or PNG) of one of the community's QR codes; `all` gives a zip of every poster.
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'community');
  if (!isPosterFormat(params.format)) notFound();
  return posterResponse(request, ability, actor.workspace.tenantId!, params.qrId ?? '', params.format);
});
