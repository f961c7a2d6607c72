import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react';
import { useMemo, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { DEFAULT_LOCALE, resources } from '@shequ/i18n';
import { ErrorPage } from './components/error-page.tsx';
import { OfflineGuard } from './components/offline-guard.tsx';
import { Toaster } from './components/ui/toast.tsx';
import { createI18n } from './lib/i18n.ts';
import { useNonce } from './lib/nonce.ts';
import { useScripted } from './lib/scripted.ts';
import { wantsLargeText } from './lib/display.server.ts';
import { getLocale } from './lib/locale.server.ts';
import { csrfToken, getSession } from './lib/session.server.ts';
import { takeToast } from './lib/toast.server.ts';
import { errorTitle } from './lib/meta.ts';
import { skipAfterNetworkLoss } from './lib/network-loss.ts';
import stylesheet from './styles/tailwind.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const session = await getSession(request).catch(() => null);
  // The success message the last action left (if any) is shown once, then cleared.
  const { toast, clear } = takeToast(request);
  return data({ locale, largeText: wantsLargeText(request), csrf: session ? csrfToken(session.sessionId) : null, toast }, clear ? { headers: { 'Set-Cookie': clear } } : undefined);
}

// After a post that got no answer (the network dropped on the way), nothing is reloaded: that would fail too and
// replace the page and its typing with the error page (lib/network-loss.ts).
export const shouldRevalidate = skipAfterNetworkLoss();

export const meta: MetaFunction<typeof loader> = (args) => (args.error ? errorTitle(args as Parameters<typeof errorTitle>[0]) : [{ title: resources[args.data?.locale ?? DEFAULT_LOCALE].translation.app.name }]);

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const nonce = useNonce();
  // A page drawn where the browser's app cannot take over (lib/scripted.ts) is sent without its scripts.
  const scripted = useScripted();
  return (
    <html lang={locale} className={data?.largeText ? 'large-text' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          {children}
          <Toaster />
          <OfflineGuard />
        </I18nextProvider>
        {scripted ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
