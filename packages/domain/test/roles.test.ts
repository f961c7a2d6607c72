import { describe, expect, it } from 'vitest';
import { COMMUNITY_STAFF_ROLES, isCommunityStaffRole, resolvePathFor, ROLES } from '../src/index.ts';

describe('who is community staff', () => {
  it('is exactly the roles held in a community', () => {
    expect([...COMMUNITY_STAFF_ROLES].sort()).toEqual(['community_admin', 'community_staff', 'grid_worker', 'volunteer_leader']);
    expect(ROLES.filter(isCommunityStaffRole)).toEqual([...COMMUNITY_STAFF_ROLES]);
    expect(isCommunityStaffRole('street_officer')).toBe(false);
    expect(isCommunityStaffRole('platform_operator')).toBe(false);
  });
});

describe('which resolve path a case takes', () => {
  it('is the escalation path for streets and departments, the community path for everyone else', () => {
    expect(resolvePathFor('street_officer')).toBe('escalated');
    expect(resolvePathFor('department_handler')).toBe('escalated');
    for (const role of ['community_admin', 'community_staff', 'grid_worker', 'district_officer', 'outsider', null]) expect(resolvePathFor(role), String(role)).toBe('community');
  });
});
