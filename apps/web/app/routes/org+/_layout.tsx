import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { AppShell, type NavItem } from '~/components/app-shell.tsx';
import { ConsoleErrorBoundary } from '~/components/error-page.tsx';
import { requireActor } from '~/lib/session.server.ts';
import { shellData } from '~/lib/shell.server.ts';
import { errorTitle } from '~/lib/meta.ts';

// A refused or failed page inside this console is titled by its error (a page's own meta names it otherwise).
export const meta = errorTitle;

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireActor(request, 'org');
  const { orgUnitId, streetId, districtId, role } = ctx.actor.workspace;
  return { ...(await shellData(ctx)), role, scope: { orgUnitId: orgUnitId!, streetId, districtId } };
}

type OrgShell = Awaited<ReturnType<typeof loader>>;

/** The officers' links, each with the check its page makes on the server (the rules travel in shellData). */
function orgNav(t: TFunction, { role, scope: { orgUnitId, streetId, districtId } }: Pick<OrgShell, 'role' | 'scope'>): NavItem[] {
  // A district officer's own district id is its org unit; street and department officers have no onboarding rule.
  const district = districtId ?? orgUnitId;
  const onboard: NavItem['can'] = ['onboard', subject('Community', { id: 'new', streetId: '', districtId: district })];
  return [
    { to: '/org', label: t('nav.overview'), end: true },
    { to: '/org/cases', label: role === 'district_officer' ? t('nav.supervision') : t('nav.inbox') },
    { to: '/org/dashboard', label: t('nav.dashboard'), can: ['read', subject('Dashboard', { communityId: null, streetId: role === 'street_officer' ? orgUnitId : streetId, districtId: role === 'district_officer' ? orgUnitId : districtId })] },
    { to: '/org/sla', label: t('slaAdmin.title'), can: ['manage', subject('SlaPolicy', { orgUnitId })] },
    { to: '/org/communities/new', label: t('onboarding.title'), can: onboard },
    { to: '/org/imports', label: t('bulkImport.title'), can: onboard },
    // Only a district officer manages accounts (officers of the district's units, communities' admins).
    { to: '/org/accounts', label: t('nav.accounts'), can: ['manage', subject('Membership', { tenantId: null, orgUnitId: district, role: 'street_officer', districtId: district })] },
  ];
}

export default function OrgLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell data={data} nav={orgNav(t, data)}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return <ConsoleErrorBoundary<OrgShell> nav={(data) => orgNav(t, data)} />;
}
