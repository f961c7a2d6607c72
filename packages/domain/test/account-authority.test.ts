import { describe, expect, it } from 'vitest';
import { type AccountAction, type AccountActor, decideAccountAction, decideRoleChange, type MembershipPlace } from '../src/index.ts';

// Two districts; community A and B in district 1 (B under another street), community C in district 2.
const D1 = 'd1';
const D2 = 'd2';
const A = 'community-a';
const B = 'community-b';
const C = 'community-c';
const place = (role: MembershipPlace['role'], orgUnitId: string | null, districtId: string | null): MembershipPlace => ({ role, orgUnitId, districtId });

const adminOfA: AccountActor = { userId: 'admin-a', ...place('community_admin', A, D1) };
const staffOfA: AccountActor = { userId: 'staff-a', ...place('community_staff', A, D1) };
const districtOfficer1: AccountActor = { userId: 'officer-d1', ...place('district_officer', D1, D1) };
const streetOfficer: AccountActor = { userId: 'street', ...place('street_officer', 'street-1', D1) };
const operator: AccountActor = { userId: 'operator', ...place('platform_operator', null, null) };

const onlyInA = [place('community_staff', A, D1)];
const inAAndB = [place('community_staff', A, D1), place('community_staff', B, D1)]; // the staff member
const inAAndC = [place('grid_worker', A, D1), place('community_staff', C, D2)];
const adminOfBOnly = [place('community_admin', B, D1)];
const streetOfficerOfD1 = [place('street_officer', 'street-1', D1)];
const alsoOperator = [place('community_staff', A, D1), place('platform_operator', null, null)];
const officerInBothDistricts = [place('district_officer', D1, D1), place('department_handler', 'dept-2', D2)];

type Row = [string, AccountActor, AccountAction, readonly MembershipPlace[], MembershipPlace | undefined, string];
// Every row: who acts, on what, whose account (all of its memberships), the role concerned, and the answer.
const table: Row[] = [
  ['admin of A resets staff only in A', adminOfA, 'resetPassword', onlyInA, undefined, 'allowed'],
  ['admin of A resets staff who also works in B (the issue)', adminOfA, 'resetPassword', inAAndB, undefined, 'outOfReach'],
  ['admin of A resets someone also in another district', adminOfA, 'resetPassword', inAAndC, undefined, 'outOfReach'],
  ['admin of A resets an operator who also works in A', adminOfA, 'resetPassword', alsoOperator, undefined, 'outOfReach'],
  ['admin of A resets the admin of B', adminOfA, 'resetPassword', adminOfBOnly, undefined, 'outOfReach'],
  ['admin of A resets a street officer', adminOfA, 'resetPassword', streetOfficerOfD1, undefined, 'outOfReach'],
  ['admin of A resets a stranger with no membership', adminOfA, 'resetPassword', [], undefined, 'noMembershipInReach'],
  ['admin of A disables staff who also works in B', adminOfA, 'disable', inAAndB, undefined, 'outOfReach'],
  ['admin of A changes the mobile of staff only in A', adminOfA, 'changeContact', onlyInA, undefined, 'allowed'],
  ['admin of A changes the mobile of staff also in B', adminOfA, 'changeContact', inAAndB, undefined, 'outOfReach'],
  ['admin of A removes the A role of staff also in B', adminOfA, 'removeRole', inAAndB, place('community_staff', A, D1), 'allowed'],
  ['admin of A removes the B role of staff also in B', adminOfA, 'removeRole', inAAndB, place('community_staff', B, D1), 'outOfReach'],
  ['admin of A grants a role in A to a new account', adminOfA, 'grantRole', [], place('grid_worker', A, D1), 'allowed'],
  ['admin of A grants a role in A to staff of B (needs acceptance)', adminOfA, 'grantRole', adminOfBOnly, place('community_staff', A, D1), 'acceptance'],
  ['admin of A grants a role in B', adminOfA, 'grantRole', [], place('community_staff', B, D1), 'outOfReach'],
  ['admin of A grants a street officer role', adminOfA, 'grantRole', [], place('street_officer', 'street-1', D1), 'outOfReach'],
  ['admin of A resets their own password through the admin path', adminOfA, 'resetPassword', onlyInA, undefined, 'self'],
  ['staff of A resets a colleague', staffOfA, 'resetPassword', onlyInA, undefined, 'notAnAdmin'],
  ['street officer resets staff of a community in the street', streetOfficer, 'resetPassword', onlyInA, undefined, 'notAnAdmin'],
  ['district officer resets staff in A and B (both in the district)', districtOfficer1, 'resetPassword', inAAndB, undefined, 'allowed'],
  ['district officer resets someone also in district 2', districtOfficer1, 'resetPassword', inAAndC, undefined, 'outOfReach'],
  ['district officer resets an officer also holding a unit of district 2', districtOfficer1, 'resetPassword', officerInBothDistricts, undefined, 'outOfReach'],
  ['district officer resets a platform operator', districtOfficer1, 'resetPassword', alsoOperator, undefined, 'outOfReach'],
  ['district officer grants an admin of B to an existing account', districtOfficer1, 'grantRole', onlyInA, place('community_admin', B, D1), 'acceptance'],
  ['district officer grants a street officer role to a new account', districtOfficer1, 'grantRole', [], place('street_officer', 'street-1', D1), 'allowed'],
  ['district officer grants an admin of a community in district 2', districtOfficer1, 'grantRole', [], place('community_admin', C, D2), 'outOfReach'],
  ['district officer grants the operator role', districtOfficer1, 'grantRole', [], place('platform_operator', null, null), 'outOfReach'],
  ['district officer grants an existing operator account an admin role', districtOfficer1, 'grantRole', alsoOperator, place('community_admin', B, D1), 'acceptance'],
  ['operator resets anyone', operator, 'resetPassword', inAAndC, undefined, 'allowed'],
  ['operator resets an account with no membership', operator, 'resetPassword', [], undefined, 'allowed'],
  ['operator grants a role to an existing account (needs acceptance)', operator, 'grantRole', inAAndB, place('community_admin', C, D2), 'acceptance'],
];

describe('who may act on whose account (issue 13)', () => {
  it.each(table)('%s', (_label, actor, action, memberships, subject, expected) => {
    const targetId = expected === 'self' ? actor.userId : 'target';
    const decision = decideAccountAction(actor, action, { userId: targetId, memberships }, subject);
    const answer = decision.allowed ? (decision.needsAcceptance ? 'acceptance' : 'allowed') : decision.reason;
    expect(answer).toBe(expected);
  });

  it('a brand-new account given a role needs no acceptance, an existing one without memberships does', () => {
    const role = place('community_staff', A, D1);
    expect(decideAccountAction(adminOfA, 'grantRole', { userId: 'x', memberships: [], exists: false }, role)).toEqual({ allowed: true, needsAcceptance: false });
    expect(decideAccountAction(adminOfA, 'grantRole', { userId: 'x', memberships: [], exists: true }, role)).toEqual({ allowed: true, needsAcceptance: true });
  });
});

describe('changing a role in place', () => {
  it.each([
    ['community_admin', 'community_staff', { allowed: true, needsAcceptance: false }],
    ['community_admin', 'grid_worker', { allowed: true, needsAcceptance: false }],
    ['community_staff', 'community_admin', { allowed: true, needsAcceptance: true }],
    ['community_admin', 'community_admin', { allowed: false, reason: 'sameRole' }],
    ['community_admin', 'street_officer', { allowed: false, reason: 'otherKind' }],
    ['street_officer', 'district_officer', { allowed: false, reason: 'otherKind' }],
    ['platform_operator', 'platform_operator', { allowed: false, reason: 'sameRole' }],
  ] as const)('%s → %s', (from, to, expected) => {
    expect(decideRoleChange(from, to)).toEqual(expected);
  });
});
