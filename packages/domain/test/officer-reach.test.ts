import { describe, expect, it } from 'vitest';
import { isCommunityInReach, type Role } from '../src/index.ts';

// District D1 with streets S1 and S2; community A in S1; community C in district D2 (street S3).
const A = { id: 'A', streetId: 'S1', districtId: 'D1' };
const C = { id: 'C', streetId: 'S3', districtId: 'D2' };
const ws = (role: Role, orgUnitId: string | null, streetId: string | null, districtId: string | null) => ({ role, orgUnitId, streetId, districtId });

describe('which communities an officer reaches (issue 13: checked before opening a community by URL)', () => {
  it.each([
    ['street officer of the street', ws('street_officer', 'S1', 'S1', 'D1'), A, true],
    ['street officer of another street', ws('street_officer', 'S2', 'S2', 'D1'), A, false],
    ['district officer of the district', ws('district_officer', 'D1', null, 'D1'), A, true],
    ['district officer of another district', ws('district_officer', 'D1', null, 'D1'), C, false],
    ['district department', ws('department_handler', 'dept', null, 'D1'), A, true],
    ['department of another district', ws('department_handler', 'dept', null, 'D1'), C, false],
    ['street department of the street', ws('department_handler', 'sdept', 'S1', 'D1'), A, true],
    ['street department of another street', ws('department_handler', 'sdept', 'S2', 'D1'), A, false],
    ['operator', ws('platform_operator', null, null, null), C, true],
    ['admin of the community itself', ws('community_admin', 'A', 'S1', 'D1'), A, true],
    ['admin of another community in the same street', ws('community_admin', 'B', 'S1', 'D1'), A, false],
  ] as const)('%s', (_label, workspace, community, expected) => {
    expect(isCommunityInReach(workspace, community)).toBe(expected);
  });
});
