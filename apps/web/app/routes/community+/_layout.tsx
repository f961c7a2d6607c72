import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { AppShell } from '~/components/app-shell.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { ErrorPage } from '~/components/error-page.tsx';
import { requireActor } from '~/lib/session.server.ts';
import { shellData } from '~/lib/shell.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireActor(request, 'community');
  const tenantId = ctx.actor.workspace.tenantId!;
  // The UI shows what the server would allow, from the same ability.
  const canManageStaff = ctx.ability.can('manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: 'community_staff' }));
  const canManageSettings = ctx.ability.can('manage', subject('Settings', { tenantId }));
  const canSeeDashboard = ctx.ability.can('read', subject('Dashboard', { communityId: tenantId, streetId: ctx.actor.workspace.streetId, districtId: ctx.actor.workspace.districtId }));
  return { ...(await shellData(ctx)), canManageStaff, canManageSettings, canSeeDashboard, suspended: ctx.actor.workspace.tenantStatus === 'suspended' };
}

export default function CommunityLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell
      data={data}
      nav={[
        { to: '/community', label: t('nav.overview'), end: true },
        { to: '/community/cases', label: t('nav.wishes') },
        { to: '/community/grids', label: t('nav.grids') },
        { to: '/community/qr', label: t('nav.qr') },
        ...(data.canSeeDashboard ? [{ to: '/community/dashboard', label: t('nav.dashboard') }] : []),
        ...(data.canManageStaff ? [{ to: '/community/staff', label: t('nav.staff') }] : []),
        ...(data.canManageSettings ? [{ to: '/community/sla', label: t('slaAdmin.title') }, { to: '/community/settings', label: t('nav.settings') }] : []),
      ]}
    >
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
  return <ErrorPage />;
}
