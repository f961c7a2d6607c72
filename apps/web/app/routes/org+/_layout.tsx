import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppShell } from '~/components/app-shell.tsx';
import { consoleNav } from '~/components/console-nav.ts';
import { ConsoleErrorBoundary } from '~/components/error-page.tsx';
import { requireConsole } from '~/lib/shell.server.ts';
import { errorTitle } from '~/lib/meta.ts';

// A refused or failed page inside this console is titled by its error (a page's own meta names it otherwise).
export const meta = errorTitle;

/**
 * The officers' shell: the rules, the officer's role and the ids their navigation's checks look at (the links are
 * components/console-nav.ts's).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return (await requireConsole(request, 'org')).shell;
}

export default function OrgLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell data={data} nav={consoleNav(t, data)}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return <ConsoleErrorBoundary />;
}
