import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { chooseLocaleSchema } from '@shequ/use-cases/schemas';
import { safeRedirect } from '~/lib/http.server.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { localeCookie } from '~/lib/locale.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

export const loader = resourceRoute('page', async () => {
  throw redirect('/');
});

export const action = resourceRoute('page', async ({ request }: ActionFunctionArgs) => {
  const submission = await readSubmission(request, chooseLocaleSchema);
  const { locale, redirectTo } = submission.status === 'success' ? submission.value : { locale: undefined, redirectTo: undefined };
  const to = safeRedirect(redirectTo, '/');
  if (!locale) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': localeCookie(locale) } });
});
