import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { ConsoleErrorBoundary } from '~/components/error-page.tsx';
import { errorTitle } from '~/lib/meta.ts';
import { NO_SCRIPTS } from '~/lib/scripted.ts';
import { getSession, requireActor } from '~/lib/session.server.ts';
import { consoleShell } from '~/lib/shell.server.ts';

/*
 * A refused file, photo or QR code opened in a staff member's browser (lib/resource-route.server.ts): the web server
 * renders this page in its place (context.renderPage, with the refusal in context.refusal), so the answer keeps its
 * status (403, 404 …) and says what happened inside the caller's own console — their navigation, name and sign-out,
 * and the places they may go instead — rather than a bare line of text. The address stays the file's, which no route
 * of the browser's app matches, so the page is sent without the app's scripts (NO_SCRIPTS): its links and forms are
 * plain ones. Opened directly, it has no refusal to say: a 404 in the shell.
 */
export const handle = NO_SCRIPTS;

export const meta: MetaFunction = errorTitle;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const refusal = context.refusal ?? { status: 404, key: 'errors.notFound', params: {}, title: 'errors.notFoundTitle' };
  const session = await getSession(request);
  const shell = session?.active ? await consoleShell(await requireActor(request)) : null;
  throw data({ code: 'refusedResource', key: refusal.key, params: refusal.params, title: refusal.title, shell }, { status: refusal.status });
}

export default function Refused() {
  return null;
}

export function ErrorBoundary() {
  return <ConsoleErrorBoundary />;
}
