import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { consolePathFor, getSession } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const session = await getSession(request);
  throw redirect(session ? consolePathFor(session) : '/login');
});
