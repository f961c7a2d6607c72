import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppShell } from '~/components/app-shell.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { consoleNav } from '~/components/console-nav.ts';
import { ConsoleErrorBoundary } from '~/components/error-page.tsx';
import { requireConsole } from '~/lib/shell.server.ts';
import { errorTitle } from '~/lib/meta.ts';
import { skipAfterNetworkLoss } from '~/lib/network-loss.ts';

// A refused or failed page inside this console is titled by its error (a page's own meta names it otherwise).
export const meta = errorTitle;

/** After a post that got no answer, the console's data is not reloaded (lib/network-loss.ts). */
export const shouldRevalidate = skipAfterNetworkLoss();

/**
 * The community console's shell: the browser gets the rules and the ids their conditions look at (tenant, street,
 * district), so navigation and buttons are shown from the same ability the server checks with (the links are
 * components/console-nav.ts's); and whether the community is suspended.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return (await requireConsole(request, 'community')).shell;
}

export default function CommunityLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell data={data} nav={consoleNav(t, data)}>
      {data.suspended ? (
        <Alert tone="info" className="mb-4" data-testid="suspended-banner">
          {t('console.community.suspended')}
        </Alert>
      ) : null}
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return <ConsoleErrorBoundary />;
}
