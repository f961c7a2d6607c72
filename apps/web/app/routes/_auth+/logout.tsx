import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { anonymousCaller, signOut } from '@shequ/use-cases';
import { withAuthentication } from '~/lib/db.server.ts';
import { signOutSchema } from '@shequ/use-cases/schemas';
import { clearedSessionCookie, sessionToken } from '~/lib/session.server.ts';
import { requireSessionSubmission } from '~/lib/forms.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

export const loader = resourceRoute('page', async () => {
  throw redirect('/');
});

export const action = resourceRoute('page', async ({ request }: ActionFunctionArgs) => {
  await requireSessionSubmission(request, signOutSchema);
  await withAuthentication('sign out', (tx) => signOut(tx, anonymousCaller(), { token: sessionToken(request)! }));
  return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': clearedSessionCookie() } });
});
