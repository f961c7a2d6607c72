import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { AppShell } from '~/components/app-shell.tsx';
import { ErrorPage } from '~/components/error-page.tsx';
import { requireActor } from '~/lib/session.server.ts';
import { shellData } from '~/lib/shell.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireActor(request, 'org');
  // District officers may onboard communities in their district (the UI shows what the ability allows).
  const districtId = ctx.actor.workspace.districtId;
  const canOnboard = ctx.actor.workspace.role === 'district_officer' && districtId !== null && ctx.ability.can('onboard', subject('Community', { id: 'new', streetId: '', districtId }));
  return { ...(await shellData(ctx)), canOnboard, role: ctx.actor.workspace.role };
}

export default function OrgLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell
      data={data}
      nav={[
        { to: '/org', label: t('nav.overview'), end: true },
        { to: '/org/cases', label: data.role === 'district_officer' ? t('nav.supervision') : t('nav.inbox') },
        ...(data.role === 'district_officer' || data.role === 'street_officer' ? [{ to: '/org/dashboard', label: t('nav.dashboard') }] : []),
        ...(data.role === 'district_officer' ? [{ to: '/org/sla', label: t('slaAdmin.title') }] : []),
        ...(data.canOnboard ? [{ to: '/org/communities/new', label: t('onboarding.title') }, { to: '/org/imports', label: t('bulkImport.title') }] : []),
      ]}
    >
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
