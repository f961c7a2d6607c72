import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { largeTextCookie } from '~/lib/display.server.ts';
import { chooseDisplaySchema } from '@shequ/use-cases/schemas';
import { safeRedirect } from '~/lib/http.server.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

export const loader = resourceRoute('page', async () => {
  throw redirect('/');
});

export const action = resourceRoute('page', async ({ request }: ActionFunctionArgs) => {
  const submission = await readSubmission(request, chooseDisplaySchema);
  const value = submission.status === 'success' ? submission.value : {};
  return redirect(safeRedirect(value.redirectTo, '/'), { headers: { 'Set-Cookie': largeTextCookie(value.largeText === '1') } });
});
