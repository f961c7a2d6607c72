import { AbilityBuilder, createMongoAbility, type MongoAbility, type RawRuleOf, subject as tag } from '@casl/ability';
import { COMMUNITY_STAFF_ROLES, DISTRICT_ROLES } from '@shequ/domain';
import type { Actor } from './actor.ts';

export const ACTIONS = [
  'manage',
  'access',
  'read',
  'create',
  'update',
  'delete',
  'onboard',
  'reveal',
  'accept',
  'assign',
  'handle',
  'escalate',
  'forward',
  'return',
  'close',
  'supervise',
  'contribute',
  'deliver',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Subjects and the fields their conditions look at. Every tenant-owned subject carries tenantId;
 * units above a community are matched by their ids in the hierarchy.
 */
export type SubjectFields = {
  OperatorConsole: Record<string, never>;
  OrgConsole: Record<string, never>;
  CommunityConsole: Record<string, never>;
  OrgUnit: { id: string; kind: string; districtId: string | null; streetId: string | null };
  Community: { id: string; streetId: string; districtId: string };
  /** districtId: the district the membership's unit lies in (a district's own id for its officers), when known. */
  Membership: { tenantId: string | null; orgUnitId: string | null; role: string; districtId?: string | null };
  Grid: { tenantId: string; gridWorkerId: string | null };
  Building: { tenantId: string; gridWorkerId: string | null };
  Category: { tenantId: string };
  /** A community's own settings and reply templates. */
  Settings: { tenantId: string };
  /**
   * holderOrgUnitId: the community, street or department holding it now; streetId/districtId: where it was
   * escalated (null until then); coHandlerIds: co-handling (协办) departments while forwarded.
   */
  Case: {
    tenantId: string;
    assigneeId: string | null;
    gridWorkerId: string | null;
    holderOrgUnitId: string | null;
    streetId?: string | null;
    districtId?: string | null;
    escalated?: boolean;
    overdue?: boolean;
    coHandlerIds?: string[];
  };
  PersonalData: { tenantId: string };
  /**
   * A person of the residents' register (decision 034). gridWorkerId: the grid worker of the grid their building is
   * in (null without a building, or for the register as a whole: importing, merging).
   */
  Resident: { tenantId: string; gridWorkerId: string | null };
  /**
   * Visiting care (decision 039): the roster as a whole (its rules, tier overrides, weather and festival periods,
   * hand-overs, offline edit conflicts).
   */
  CareRoster: { tenantId: string };
  /** A care recipient's visits and windows; gridWorkerId: the grid worker of their building's grid (as Resident). */
  CareVisit: { tenantId: string; gridWorkerId: string | null };
  /**
   * A volunteer team and what it runs (activities, shifts, sign-ups, check-in): leaderId is the staff account
   * (role volunteer_leader) that leads it (decision 036).
   */
  VolunteerTeam: { tenantId: string; leaderId: string | null };
  /**
   * The elderly service station's meal help (decision 038): read (menus, prices), create (book for a person the
   * caller may see in the register), update (menus, bookings, the counter, the kitchen sheet, settlement), deliver
   * (the delivery sheet with the mobiles to call, and 确认送达: a grid worker for the people of their own grids, the
   * register's scope deciding whom), manage (sittings, capacities, cut-offs and the subsidy rule table).
   */
  MealService: { tenantId: string };
  /**
   * The senior school (decision 043): read (terms, courses, enrolments), create (enrol a person the caller may see in
   * the register), update (enrolments, allocation, attendance, the showcase), manage (terms and courses).
   */
  SeniorSchool: { tenantId: string };
  /**
   * Bookings for the station's services (助浴, 助洁, 理疗, 康复; decision 044): read, create (book for a person the
   * caller may see in the register), update (slots, confirmations, notes after service, no-shows, ability
   * assessments), manage (services, prices, prerequisites, the subsidy rule table).
   */
  ElderService: { tenantId: string };
  /**
   * The co-governance committee's work (issue 18, decision 037): matters, meetings, votes, decisions, action items,
   * service posts. The public half (published decisions, results, secret ballots by code) needs no ability.
   */
  Consultation: { tenantId: string };
  /** Partner units of the committee (共建单位), with their sealed contact. */
  PartnerUnit: { tenantId: string };
  /** Volunteers' records (skills, training, consent): people of the register as volunteers. */
  Volunteer: { tenantId: string };
  /** Hour records of a team's volunteers: 'accept' = the leader's approval, 'supervise' = the second approval (staff). */
  VolunteerHours: { tenantId: string; leaderId: string | null };
  Dashboard: { communityId: string | null; streetId: string | null; districtId: string | null };
  AuditLog: { tenantId: string | null };
  Calendar: Record<string, never>;
  /** Time limits and working hours set for a district (defaults) or a community (its own). */
  SlaPolicy: { orgUnitId: string };
};
export type SubjectName = keyof SubjectFields;
export type TaggedSubject = { [K in SubjectName]: SubjectFields[K] & { __caslSubjectType__: K } }[SubjectName];
export type AppAbility = MongoAbility<[Action, SubjectName | TaggedSubject]>;
export type AppRule = RawRuleOf<AppAbility>;

/** Tags a plain object as a subject so conditions apply to it: `can('read', subject('Case', row))`. */
export function subject<K extends SubjectName>(type: K, fields: SubjectFields[K]): TaggedSubject {
  return tag(type, { ...fields }) as unknown as TaggedSubject;
}

/** One definition of who may do what, used by every server check and by the UI. */
export function defineAbilityFor(actor: Actor | null): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (!actor) return build();
  const { userId, workspace: ws } = actor;

  switch (ws.role) {
    case 'platform_operator':
      can('access', 'OperatorConsole');
      can('manage', 'OrgUnit');
      can('manage', 'Community');
      can('manage', 'Membership');
      can('manage', 'Calendar');
      can('manage', 'SlaPolicy');
      can('read', 'AuditLog');
      break;

    case 'district_officer': {
      const districtId = ws.orgUnitId!;
      can('access', 'OrgConsole');
      can('read', 'OrgUnit', { districtId });
      can('read', 'OrgUnit', { id: districtId });
      can(['read', 'onboard'], 'Community', { districtId });
      can('read', 'Dashboard', { districtId });
      can('manage', 'SlaPolicy', { orgUnitId: districtId });
      // 督办: district officers see their district's escalated and overdue cases and can send notices.
      can(['read', 'supervise'], 'Case', { districtId, escalated: true });
      can('manage', 'Membership', { orgUnitId: districtId, role: { $in: ['district_officer'] } });
      // Officers' accounts and communities' admins in their district (issue 13; the domain's account rule decides
      // per account, this opens the accounts page and its actions).
      can('manage', 'Membership', { districtId, role: { $in: [...DISTRICT_ROLES] } });
      break;
    }

    case 'street_officer': {
      const streetId = ws.orgUnitId!;
      can('access', 'OrgConsole');
      can('read', 'OrgUnit', { streetId });
      can('read', 'OrgUnit', { id: streetId });
      can('read', 'Community', { streetId });
      can('read', 'Dashboard', { streetId });
      // A street acts on what it holds and keeps sight of everything its communities escalated to it.
      can(['read', 'handle', 'forward', 'return', 'reveal'], 'Case', { holderOrgUnitId: streetId });
      can('read', 'Case', { streetId, escalated: true });
      break;
    }

    case 'department_handler': {
      const departmentId = ws.orgUnitId!;
      can('access', 'OrgConsole');
      can('read', 'OrgUnit', { id: departmentId });
      can(['read', 'handle', 'return', 'reveal'], 'Case', { holderOrgUnitId: departmentId });
      // 协办: a co-handling department reads the case and adds notes; the lead department acts.
      can(['read', 'contribute'], 'Case', { coHandlerIds: { $all: [departmentId] } });
      break;
    }

    case 'community_admin': {
      const tenantId = ws.tenantId!;
      can('access', 'CommunityConsole');
      can('read', 'Community', { id: tenantId });
      can('manage', ['Grid', 'Building', 'Category', 'VolunteerTeam', 'Settings'], { tenantId });
      can('manage', 'SlaPolicy', { orgUnitId: tenantId });
      can(['read', 'create', 'accept', 'assign', 'handle', 'escalate', 'close'], 'Case', { tenantId });
      can('reveal', 'PersonalData', { tenantId });
      // The register: the office keeps it, adds to the tag list, imports rosters and merges duplicates.
      can('manage', 'Resident', { tenantId });
      can('manage', 'MealService', { tenantId });
      can('manage', 'SeniorSchool', { tenantId });
      can('manage', 'ElderService', { tenantId });
      // The co-governance committee: the office prepares and records meetings, keeps the partner units.
      can('manage', ['Consultation', 'PartnerUnit'], { tenantId });
      // Visiting care: the office sets the rules and tiers and may record visits of anyone.
      can('manage', ['CareRoster', 'CareVisit'], { tenantId });
      can('manage', ['Volunteer', 'VolunteerHours'], { tenantId });
      can('read', 'Dashboard', { communityId: tenantId });
      can('read', 'AuditLog', { tenantId });
      can('manage', 'Membership', {
        tenantId,
        role: { $in: [...COMMUNITY_STAFF_ROLES] },
      });
      break;
    }

    case 'community_staff': {
      const tenantId = ws.tenantId!;
      can('access', 'CommunityConsole');
      can('read', 'Community', { id: tenantId });
      can('read', ['Grid', 'Building', 'Category', 'VolunteerTeam', 'Settings'], { tenantId });
      can(['read', 'create', 'accept', 'assign', 'handle', 'escalate', 'close'], 'Case', { tenantId });
      can('reveal', 'PersonalData', { tenantId });
      // 社工 keep the register with the office (import, merge); the tag list is the admin's.
      can(['read', 'create', 'update', 'delete'], 'Resident', { tenantId });
      // The station's daily work: menus, bookings, the counter, the kitchen sheet, settlement (not its prices).
      can(['read', 'create', 'update', 'deliver'], 'MealService', { tenantId });
      // The senior school's daily work: terms and courses, enrolments, allocation, attendance, the showcase.
      can('manage', 'SeniorSchool', { tenantId });
      // The station's services day to day: slots, bookings, notes, no-shows, assessments (not prices or rules).
      can(['read', 'create', 'update'], 'ElderService', { tenantId });
      // 社工 prepare and record meetings and keep partner units with the office; settings are the admin's.
      can(['read', 'create', 'update'], ['Consultation', 'PartnerUnit'], { tenantId });
      // 社工 run visiting care with the office.
      can('manage', ['CareRoster', 'CareVisit'], { tenantId });
      // Volunteer service: staff publish activities for any team, keep volunteers' records, approve hours and give
      // the second approval of hours entered afterwards.
      can(['create', 'update'], 'VolunteerTeam', { tenantId });
      can(['read', 'create', 'update'], 'Volunteer', { tenantId });
      can(['read', 'accept', 'supervise'], 'VolunteerHours', { tenantId });
      can('read', 'Dashboard', { communityId: tenantId });
      break;
    }

    case 'grid_worker': {
      const tenantId = ws.tenantId!;
      can('access', 'CommunityConsole');
      can('read', 'Community', { id: tenantId });
      can('read', ['Grid', 'Building', 'Category', 'Settings'], { tenantId });
      can('update', ['Grid', 'Building'], { tenantId, gridWorkerId: userId });
      can('create', 'Case', { tenantId });
      // A grid worker works the cases of their own grid or assigned to them, nothing else.
      can(['read', 'accept', 'handle', 'escalate'], 'Case', { tenantId, gridWorkerId: userId });
      can(['read', 'accept', 'handle', 'escalate'], 'Case', { tenantId, assigneeId: userId });
      can('reveal', 'PersonalData', { tenantId });
      // The people of their own grids' buildings only: registering an elder on a home visit, keeping them current.
      can(['read', 'create', 'update'], 'Resident', { tenantId, gridWorkerId: userId });
      // Books meals for the people of their grids who have no phone (the register's scope decides whom).
      can(['read', 'create'], 'MealService', { tenantId });
      // They deliver meals in their grids (issue 19's trial: a 403 on the delivery sheet, and only the office could
      // confirm 送达): the delivery sheet and confirming delivery, for the people of their own grids.
      can('deliver', 'MealService', { tenantId });
      // Enrols the people of their grids without a phone in the senior school.
      can(['read', 'create'], 'SeniorSchool', { tenantId });
      can(['read', 'create'], 'ElderService', { tenantId });
      // Grid workers follow the committee's meetings and decisions (residents ask them), and change nothing.
      can('read', 'Consultation', { tenantId });
      // Visiting care: they see the roster's definitions and visit the people of their own grids.
      can('read', 'CareRoster', { tenantId });
      can(['read', 'create'], 'CareVisit', { tenantId, gridWorkerId: userId });
      break;
    }

    case 'volunteer_leader': {
      const tenantId = ws.tenantId!;
      can('access', 'CommunityConsole');
      can('read', 'Community', { id: tenantId });
      can('read', 'VolunteerTeam', { tenantId });
      // Their own team: activities, shifts, members, check-in, walk-ups (registered on the spot), approving its hours.
      can('update', 'VolunteerTeam', { tenantId, leaderId: userId });
      can(['read', 'create'], 'Volunteer', { tenantId });
      can(['read', 'accept'], 'VolunteerHours', { tenantId, leaderId: userId });
      break;
    }
  }
  const ability = build();
  if (ws.tenantId && ws.tenantStatus && ws.tenantStatus !== 'active') {
    // A suspended community: its people keep reading what they could read, and do nothing else.
    const readOnly = ability.rules
      .map((rule) => ({ ...rule, action: ([] as string[]).concat(rule.action).filter((a) => a === 'read' || a === 'access') }))
      .filter((rule) => rule.action.length > 0) as AppRule[];
    return createMongoAbility<AppAbility>(readOnly);
  }
  return ability;
}

/** Rebuilds an ability in the browser from the rules the server sent (packed with `packRules`). */
export function abilityFromRules(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}
