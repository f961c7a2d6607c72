import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { signOut } from '@shequ/use-cases';
import { withAuthentication } from '~/lib/db.server.ts';
import { clearedSessionCookie, requireSession, sessionToken, verifyCsrf } from '~/lib/session.server.ts';
import { readForm } from '~/lib/http.server.ts';

export async function loader() {
  throw redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  verifyCsrf(session, await readForm(request));
  await withAuthentication('sign out', (tx) => signOut(tx, sessionToken(request)!));
  return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': clearedSessionCookie() } });
}
