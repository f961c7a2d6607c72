import type { TFunction } from 'i18next';
import type { Role, WorkspaceKind } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import type { NavItem, ShellData } from './app-shell.tsx';

/**
 * What a console's layout sends for its shell (lib/shell.server.ts `consoleShell`): the user, workspaces and packed
 * rules, which console it is, and the ids the navigation's checks look at. A page refused for being in another
 * console (an operator's page opened by a community admin) carries the caller's own console's shell in its error,
 * so the 403 is drawn inside the console the caller does have.
 */
export type ConsoleShell = ShellData &
  (
    | { console: 'operator' }
    | { console: 'org'; role: Role; scope: { orgUnitId: string; streetId: string | null; districtId: string | null } }
    | { console: 'community'; scope: { tenantId: string; streetId: string | null; districtId: string | null }; suspended: boolean }
  );

type Of<K extends WorkspaceKind> = Extract<ConsoleShell, { console: K }>;

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

/** The officers' links, each with the check its page makes on the server (the rules travel in the shell). */
function orgNav(t: TFunction, { role, scope: { orgUnitId, streetId, districtId } }: Of<'org'>): NavItem[] {
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

/** The community console's links, each with the check its page makes on the server. */
function communityNav(t: TFunction, { scope: { tenantId, streetId, districtId } }: Of<'community'>): NavItem[] {
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

/**
 * A console's navigation, from its shell data: every link with the check its page makes on the server (AppShell
 * shows only those the rules allow). Shell data of no known console (none of the layouts') has no links.
 */
export function consoleNav(t: TFunction, shell: ConsoleShell): NavItem[] {
  switch (shell.console) {
    case 'operator':
      return operatorNav(t);
    case 'org':
      return orgNav(t, shell);
    case 'community':
      return communityNav(t, shell);
    default:
      return [];
  }
}
