import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { AppShell, type NavItem } from '~/components/app-shell.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { ConsoleErrorBoundary } from '~/components/error-page.tsx';
import { requireActor } from '~/lib/session.server.ts';
import { shellData } from '~/lib/shell.server.ts';
import { errorTitle } from '~/lib/meta.ts';
import { skipAfterNetworkLoss } from '~/lib/network-loss.ts';

// A refused or failed page inside this console is titled by its error (a page's own meta names it otherwise).
export const meta = errorTitle;

/** After a post that got no answer, the console's data is not reloaded (lib/network-loss.ts). */
export const shouldRevalidate = skipAfterNetworkLoss();

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireActor(request, 'community');
  const { tenantId, streetId, districtId } = ctx.actor.workspace;
  // The browser gets the rules (in shellData) and the ids their conditions look at; navigation and buttons are
  // shown from the same ability the server checks with.
  return { ...(await shellData(ctx)), scope: { tenantId: tenantId!, streetId, districtId }, suspended: ctx.actor.workspace.tenantStatus === 'suspended' };
}

type CommunityShell = Awaited<ReturnType<typeof loader>>;

/** The community console's links, each with the check its page makes on the server. */
function communityNav(t: TFunction, { scope: { tenantId, streetId, districtId } }: Pick<CommunityShell, 'scope'>): NavItem[] {
  return [
    { to: '/community', label: t('nav.overview'), end: true },
    { to: '/community/cases', label: t('nav.wishes'), can: ['read', 'Case'] },
    { to: '/community/residents', label: t('residents.title'), can: ['read', 'Resident'] },
    // The party organisation (issue 16): those who see the whole register.
    { to: '/community/party', label: t('party.title'), can: ['read', subject('Resident', { tenantId, gridWorkerId: null })] },
    // Visiting care (issue 20): the office every recipient, a grid worker the people of their grids.
    { to: '/community/care', label: t('care.nav'), can: ['read', subject('CareRoster', { tenantId })] },
    { to: '/community/meals', label: t('meals.nav'), can: ['read', subject('MealService', { tenantId })] },
    { to: '/community/services', label: t('services.nav'), can: ['read', subject('ElderService', { tenantId })] },
    { to: '/community/school', label: t('school.nav'), can: ['read', subject('SeniorSchool', { tenantId })] },
    // The volunteer teams' shifts the caller runs (issue 17): leaders their own teams, the office every team.
    { to: '/community/volunteers', label: t('nav.volunteers'), can: ['update', 'VolunteerTeam'] },
    // The co-governance committee (issue 18): meetings, decisions, partner units and their posts.
    { to: '/community/committee', label: t('nav.committee'), can: ['read', subject('Consultation', { tenantId })] },
    { to: '/community/grids', label: t('nav.grids'), can: ['read', subject('Grid', { tenantId, gridWorkerId: null })] },
    { to: '/community/qr', label: t('nav.qr'), can: ['read', subject('Building', { tenantId, gridWorkerId: null })] },
    { to: '/community/dashboard', label: t('nav.dashboard'), can: ['read', subject('Dashboard', { communityId: tenantId, streetId, districtId })] },
    { to: '/community/staff', label: t('nav.staff'), can: ['manage', subject('Membership', { tenantId, orgUnitId: tenantId, role: 'community_staff' })] },
    { to: '/community/sla', label: t('slaAdmin.title'), can: ['manage', subject('SlaPolicy', { orgUnitId: tenantId })] },
    { to: '/community/settings', label: t('nav.settings'), can: ['manage', subject('Settings', { tenantId })] },
  ];
}

export default function CommunityLayout() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell data={data} nav={communityNav(t, data)}>
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
  const { t } = useTranslation();
  return <ConsoleErrorBoundary<CommunityShell> nav={(data) => communityNav(t, data)} />;
}
