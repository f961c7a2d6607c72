import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { largeTextCookie } from '~/lib/display.server.ts';
import { readForm, safeRedirect } from '~/lib/http.server.ts';

export async function loader() {
  throw redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  return redirect(safeRedirect(form.get('redirectTo'), '/'), { headers: { 'Set-Cookie': largeTextCookie(form.get('largeText') === '1') } });
}
