import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { withoutTenant } from '@shequ/db';
import { signOut } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { clearedSessionCookie, requireSession, sessionToken, verifyCsrf } from '~/lib/session.server.ts';

export async function loader() {
  throw redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  verifyCsrf(session, await request.formData());
  await withoutTenant(db, (tx) => signOut(tx, sessionToken(request)!));
  return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': clearedSessionCookie() } });
}
