import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { isLocale } from '@shequ/i18n';
import { readForm, safeRedirect } from '~/lib/http.server.ts';
import { localeCookie } from '~/lib/locale.server.ts';

export async function loader() {
  throw redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get('locale');
  const to = safeRedirect(form.get('redirectTo'), '/');
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': localeCookie(locale) } });
}
