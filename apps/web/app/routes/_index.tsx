import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { consolePathFor, getSession } from '~/lib/session.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  throw redirect(session ? consolePathFor(session) : '/login');
}
