// Liveness: the process answers. Orchestrators restart the container when this fails.
import { resourceRoute } from '~/lib/resource-route.server.ts';

export const loader = resourceRoute('json', async () => {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
});
