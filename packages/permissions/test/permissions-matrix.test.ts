import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@shequ/domain';
import { type Action, type Actor, defineAbilityFor, subject, type SubjectName, type TaggedSubject } from '../src/index.ts';

// Two districts; district D1 has streets S1 and S2; community A sits in S1, community B in S2, community C in D2.
const D1 = 'd1', D2 = 'd2', S1 = 's1', S2 = 's2', A = 'cA', B = 'cB', C = 'cC', DEPT = 'dept1';
const ME = 'user-me', OTHER = 'user-other';

function actor(role: Role): Actor {
  const at: Record<Role, { orgUnitId: string | null; tenantId: string | null; streetId: string | null; districtId: string | null }> = {
    platform_operator: { orgUnitId: null, tenantId: null, streetId: null, districtId: null },
    district_officer: { orgUnitId: D1, tenantId: null, streetId: null, districtId: D1 },
    street_officer: { orgUnitId: S1, tenantId: null, streetId: S1, districtId: D1 },
    department_handler: { orgUnitId: DEPT, tenantId: null, streetId: null, districtId: D1 },
    community_admin: { orgUnitId: A, tenantId: A, streetId: S1, districtId: D1 },
    community_staff: { orgUnitId: A, tenantId: A, streetId: S1, districtId: D1 },
    grid_worker: { orgUnitId: A, tenantId: A, streetId: S1, districtId: D1 },
    volunteer_leader: { orgUnitId: A, tenantId: A, streetId: S1, districtId: D1 },
  };
  return { userId: ME, displayName: 'me', workspace: { membershipId: 'm', role, orgUnitName: 'x', ...at[role] } };
}

const caseIn = (
  tenantId: string,
  extra: Partial<{ assigneeId: string; gridWorkerId: string; holderOrgUnitId: string; streetId: string; districtId: string; escalated: boolean; coHandlerIds: string[] }> = {},
) =>
  subject('Case', { tenantId, assigneeId: null, gridWorkerId: null, holderOrgUnitId: tenantId, ...extra });
const community = (id: string, streetId: string, districtId: string) => subject('Community', { id, streetId, districtId });
const grid = (tenantId: string, gridWorkerId: string | null = null) => subject('Grid', { tenantId, gridWorkerId });

type Row = [Action, string, SubjectName | TaggedSubject, Role[]];

// Each row lists exactly the roles that may do it; every other role must be refused.
const MATRIX: Row[] = [
  ['access', 'operator console', 'OperatorConsole', ['platform_operator']],
  ['access', 'org console', 'OrgConsole', ['district_officer', 'street_officer', 'department_handler']],
  ['access', 'community console', 'CommunityConsole', ['community_admin', 'community_staff', 'grid_worker', 'volunteer_leader']],
  ['manage', 'calendar', 'Calendar', ['platform_operator']],
  ['read', 'own community', community(A, S1, D1), ['platform_operator', 'district_officer', 'street_officer', 'community_admin', 'community_staff', 'grid_worker', 'volunteer_leader']],
  ['read', 'another tenant (same district)', community(B, S2, D1), ['platform_operator', 'district_officer']],
  ['read', 'another district’s community', community(C, 'sX', D2), ['platform_operator']],
  ['onboard', 'community in own district', community('new', S2, D1), ['platform_operator', 'district_officer']],
  ['onboard', 'community in another district', community('new', 'sX', D2), ['platform_operator']],
  ['update', 'own tenant grid', grid(A), ['community_admin']],
  ['update', 'own grid as its worker', grid(A, ME), ['community_admin', 'grid_worker']],
  ['update', 'another tenant’s grid', grid(B, ME), []],
  ['read', 'another tenant’s grid', grid(B), []],
  ['read', 'own tenant case', caseIn(A), ['community_admin', 'community_staff']],
  ['read', 'case assigned to me', caseIn(A, { assigneeId: ME }), ['community_admin', 'community_staff', 'grid_worker']],
  ['read', 'case of my grid', caseIn(A, { gridWorkerId: ME }), ['community_admin', 'community_staff', 'grid_worker']],
  ['read', 'case assigned to someone else', caseIn(A, { assigneeId: OTHER, gridWorkerId: OTHER }), ['community_admin', 'community_staff']],
  ['read', 'another tenant’s case', caseIn(B, { assigneeId: ME, gridWorkerId: ME }), []],
  ['escalate', 'own tenant case', caseIn(A), ['community_admin', 'community_staff']],
  ['escalate', 'another tenant’s case', caseIn(B), []],
  ['handle', 'case held by my street', caseIn(A, { holderOrgUnitId: S1 }), ['community_admin', 'community_staff', 'street_officer']],
  ['read', 'case held by another street', caseIn(B, { holderOrgUnitId: S2 }), []],
  ['handle', 'case held by my department', caseIn(B, { holderOrgUnitId: DEPT }), ['department_handler']],
  ['escalate', 'case of my grid', caseIn(A, { gridWorkerId: ME }), ['community_admin', 'community_staff', 'grid_worker']],
  ['forward', 'case held by my street', caseIn(A, { holderOrgUnitId: S1, streetId: S1, escalated: true }), ['street_officer']],
  ['read', 'case my street forwarded to a department', caseIn(A, { holderOrgUnitId: DEPT, streetId: S1, districtId: D1, escalated: true }), ['district_officer', 'street_officer', 'community_admin', 'community_staff', 'department_handler']],
  ['read', 'case escalated to another street', caseIn(B, { holderOrgUnitId: S2, streetId: S2, districtId: D1, escalated: true }), ['district_officer']],
  ['contribute', 'case my department co-handles', caseIn(B, { holderOrgUnitId: 'dept-lead', coHandlerIds: ['dept-x', DEPT] }), ['department_handler']],
  ['handle', 'case my department co-handles', caseIn(B, { holderOrgUnitId: 'dept-lead', coHandlerIds: [DEPT] }), []],
  ['reveal', 'case my street holds', caseIn(A, { holderOrgUnitId: S1, streetId: S1, escalated: true }), ['street_officer']],
  ['reveal', 'case my department holds', caseIn(B, { holderOrgUnitId: DEPT }), ['department_handler']],
  ['reveal', 'case my street forwarded on', caseIn(A, { holderOrgUnitId: DEPT, streetId: S1, escalated: true }), ['department_handler']],
  ['supervise', 'case escalated in my district', caseIn(A, { holderOrgUnitId: S1, streetId: S1, districtId: D1, escalated: true }), ['district_officer']],
  ['supervise', 'case escalated in another district', caseIn(C, { holderOrgUnitId: 'sX', streetId: 'sX', districtId: D2, escalated: true }), []],
  ['supervise', 'case not escalated', caseIn(A, { districtId: D1 }), []],
  ['reveal', 'own tenant personal data', subject('PersonalData', { tenantId: A }), ['community_admin', 'community_staff', 'grid_worker']],
  ['reveal', 'another tenant’s personal data', subject('PersonalData', { tenantId: B }), []],
  // The residents' register (decision 034): the office by role, a grid worker their grids' people, nobody else.
  ['read', 'a resident of my grid', subject('Resident', { tenantId: A, gridWorkerId: ME }), ['community_admin', 'community_staff', 'grid_worker']],
  ['update', 'a resident of my grid', subject('Resident', { tenantId: A, gridWorkerId: ME }), ['community_admin', 'community_staff', 'grid_worker']],
  ['read', 'a resident of another grid', subject('Resident', { tenantId: A, gridWorkerId: OTHER }), ['community_admin', 'community_staff']],
  ['create', 'the register as a whole (import)', subject('Resident', { tenantId: A, gridWorkerId: null }), ['community_admin', 'community_staff']],
  ['delete', 'a resident (merge)', subject('Resident', { tenantId: A, gridWorkerId: ME }), ['community_admin', 'community_staff']],
  ['manage', 'the register’s tag list', subject('Resident', { tenantId: A, gridWorkerId: null }), ['community_admin']],
  ['read', 'another community’s resident', subject('Resident', { tenantId: B, gridWorkerId: null }), []],
  ['read', 'own community dashboard', subject('Dashboard', { communityId: A, streetId: S1, districtId: D1 }), ['district_officer', 'street_officer', 'community_admin', 'community_staff']],
  ['read', 'another street’s dashboard', subject('Dashboard', { communityId: null, streetId: S2, districtId: D1 }), ['district_officer']],
  ['read', 'another district’s dashboard', subject('Dashboard', { communityId: null, streetId: null, districtId: D2 }), []],
  ['manage', 'own community settings', subject('Settings', { tenantId: A }), ['community_admin']],
  ['read', 'own community settings', subject('Settings', { tenantId: A }), ['community_admin', 'community_staff', 'grid_worker']],
  ['read', 'another community’s settings', subject('Settings', { tenantId: B }), []],
  // Issue 17: staff (社工) publish activities and keep attendance for any team of their community; a leader for their own.
  ['update', 'my volunteer team', subject('VolunteerTeam', { tenantId: A, leaderId: ME }), ['community_admin', 'community_staff', 'volunteer_leader']],
  ['update', 'someone else’s team', subject('VolunteerTeam', { tenantId: A, leaderId: OTHER }), ['community_admin', 'community_staff']],
  ['accept', 'my team’s hours', subject('VolunteerHours', { tenantId: A, leaderId: ME }), ['community_admin', 'community_staff', 'volunteer_leader']],
  ['accept', 'another team’s hours', subject('VolunteerHours', { tenantId: A, leaderId: OTHER }), ['community_admin', 'community_staff']],
  ['supervise', 'hours entered afterwards (second approval)', subject('VolunteerHours', { tenantId: A, leaderId: ME }), ['community_admin', 'community_staff']],
  // The senior school (decision 043): the office runs it; a grid worker enrols the people of their grids.
  ['manage', 'the senior school’s terms and courses', subject('SeniorSchool', { tenantId: A }), ['community_admin', 'community_staff']],
  ['create', 'an enrolment at the senior school', subject('SeniorSchool', { tenantId: A }), ['community_admin', 'community_staff', 'grid_worker']],
  ['read', 'another community’s senior school', subject('SeniorSchool', { tenantId: B }), []],
  // The station's services (decision 044): prices and rules are the admin's, the daily work the office's.
  ['manage', 'the station’s services and their prices', subject('ElderService', { tenantId: A }), ['community_admin']],
  ['update', 'service bookings and assessments', subject('ElderService', { tenantId: A }), ['community_admin', 'community_staff']],
  ['create', 'a service booking', subject('ElderService', { tenantId: A }), ['community_admin', 'community_staff', 'grid_worker']],
  ['create', 'a volunteer’s record', subject('Volunteer', { tenantId: A }), ['community_admin', 'community_staff', 'volunteer_leader']],
  ['manage', 'staff membership in own tenant', subject('Membership', { tenantId: A, orgUnitId: A, role: 'community_staff' }), ['platform_operator', 'community_admin']],
  ['manage', 'operator membership', subject('Membership', { tenantId: null, orgUnitId: null, role: 'platform_operator' }), ['platform_operator']],
  ['manage', 'staff membership in another tenant', subject('Membership', { tenantId: B, orgUnitId: B, role: 'community_staff' }), ['platform_operator']],
  ['manage', 'own district time limits', subject('SlaPolicy', { orgUnitId: D1 }), ['platform_operator', 'district_officer']],
  ['manage', 'another district’s time limits', subject('SlaPolicy', { orgUnitId: D2 }), ['platform_operator']],
  ['manage', 'own community time limits', subject('SlaPolicy', { orgUnitId: A }), ['platform_operator', 'community_admin']],
  ['read', 'own tenant audit log', subject('AuditLog', { tenantId: A }), ['platform_operator', 'community_admin']],
  ['read', 'another tenant’s audit log', subject('AuditLog', { tenantId: B }), ['platform_operator']],
];

describe('permissions matrix: role × action × subject', () => {
  for (const [action, label, target, allowed] of MATRIX) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${action} ${label}`, () => {
        expect(defineAbilityFor(actor(role)).can(action, target)).toBe(expected);
      });
    }
  }

  it('an anonymous visitor may do nothing', () => {
    const ability = defineAbilityFor(null);
    for (const [action, , target] of MATRIX) expect(ability.can(action, target)).toBe(false);
  });
});

describe('a suspended community', () => {
  it('lets its people read and nothing more', () => {
    for (const role of ['community_admin', 'community_staff', 'grid_worker'] as const) {
      const a = actor(role);
      const ability = defineAbilityFor({ ...a, workspace: { ...a.workspace, tenantStatus: 'suspended' } });
      expect(ability.can('access', 'CommunityConsole')).toBe(true);
      expect(ability.can('read', caseIn(A, { assigneeId: ME, gridWorkerId: ME }))).toBe(true);
      for (const action of ['accept', 'handle', 'close', 'escalate', 'create', 'update'] as const) {
        expect(ability.can(action, caseIn(A, { assigneeId: ME, gridWorkerId: ME })), `${role} ${action}`).toBe(false);
      }
      expect(ability.can('reveal', subject('PersonalData', { tenantId: A }))).toBe(false);
      expect(ability.can('update', grid(A, ME))).toBe(false);
    }
  });
});
