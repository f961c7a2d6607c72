import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppShell } from '~/components/app-shell.tsx';
import { ErrorPage } from '~/components/error-page.tsx';
import { requireActor } from '~/lib/session.server.ts';
import { shellData } from '~/lib/shell.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return shellData(await requireActor(request, 'operator'));
}

export default function OperatorLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell
      data={data}
      nav={[
        { to: '/operator', label: t('nav.overview'), end: true },
        { to: '/operator/communities/new', label: t('onboarding.title') },
        { to: '/operator/imports', label: t('bulkImport.title') },
        { to: '/operator/hierarchy', label: t('nav.hierarchy') },
        { to: '/operator/calendar', label: t('nav.calendar') },
        { to: '/operator/messages', label: t('messagesAdmin.title') },
        { to: '/operator/usage', label: t('usage.title') },
        { to: '/operator/audit', label: t('nav.audit') },
      ]}
    >
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
