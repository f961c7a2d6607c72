import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AppShell, type NavItem } from '~/components/app-shell.tsx';
import { ConsoleErrorBoundary } from '~/components/error-page.tsx';
import { requireActor } from '~/lib/session.server.ts';
import { shellData } from '~/lib/shell.server.ts';
import { errorTitle } from '~/lib/meta.ts';

// A refused or failed page inside this console is titled by its error (a page's own meta names it otherwise).
export const meta = errorTitle;

export async function loader({ request }: LoaderFunctionArgs) {
  return shellData(await requireActor(request, 'operator'));
}

/** The operators' links, each with the check its page makes on the server. */
function operatorNav(t: TFunction): NavItem[] {
  return [
    { to: '/operator', label: t('nav.overview'), end: true },
    { to: '/operator/communities/new', label: t('onboarding.title'), can: ['manage', 'Community'] },
    { to: '/operator/imports', label: t('bulkImport.title'), can: ['manage', 'Community'] },
    { to: '/operator/hierarchy', label: t('nav.hierarchy'), can: ['manage', 'OrgUnit'] },
    { to: '/operator/accounts', label: t('nav.accounts'), can: ['manage', 'Membership'] },
    { to: '/operator/calendar', label: t('nav.calendar'), can: ['manage', 'Calendar'] },
    { to: '/operator/messages', label: t('messagesAdmin.title'), can: ['access', 'OperatorConsole'] },
    { to: '/operator/usage', label: t('usage.title'), can: ['access', 'OperatorConsole'] },
    { to: '/operator/audit', label: t('nav.audit'), can: ['read', 'AuditLog'] },
  ];
}

export default function OperatorLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell data={data} nav={operatorNav(t)}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return <ConsoleErrorBoundary nav={() => operatorNav(t)} />;
}
