import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { withTenant } from '@shequ/db';
import { signOutResident } from '@shequ/use-cases';
import { residentSignOutSchema } from '@shequ/use-cases/schemas';
import { db } from '~/lib/db.server.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { clearedResidentCookie, getResident } from '~/lib/resident-session.server.ts';
import { residentCaller } from '@shequ/use-cases';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

export const loader = resourceRoute('page', async ({ params }: LoaderFunctionArgs) => {
  throw redirect(`/c/${params.slug}/me`);
});

// Signing out of "我的": the session row is revoked, the cookie cleared (decision 035).
export const action = resourceRoute('page', async ({ request, params }: ActionFunctionArgs) => {
  const community = await communityBySlug(params.slug);
  await readSubmission(request, residentSignOutSchema);
  const self = await getResident(request, community.id);
  if (self) await withTenant(db, community.id, (tx) => signOutResident(tx, residentCaller(self)));
  return redirect(`/c/${community.slug}/me/sign-in`, { headers: { 'Set-Cookie': clearedResidentCookie() } });
});
