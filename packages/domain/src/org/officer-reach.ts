import type { Role } from '../identity/role.ts';

/**
 * Whether a community lies within an officer's reach, decided before any of the community's rows are opened
 * (issue 13: officers' routes take a community id from the URL, and must not enter a community's context on the
 * strength of the URL alone). A street officer reaches the communities of their street; a district officer those
 * of their district; a department handler those of the street or district the department serves; a platform
 * operator all. Community roles reach only their own community. Input: the acting workspace's role and units, and
 * the community's current street and district.
 */
export function isCommunityInReach(
  ws: { role: Role; orgUnitId: string | null; streetId: string | null; districtId: string | null },
  community: { id: string; streetId: string | null; districtId: string | null },
): boolean {
  switch (ws.role) {
    case 'platform_operator':
      return true;
    case 'district_officer':
      return community.districtId !== null && community.districtId === ws.orgUnitId;
    case 'street_officer':
      return community.streetId !== null && community.streetId === ws.orgUnitId;
    case 'department_handler':
      // A street's department serves its street; a district's department the whole district.
      return ws.streetId ? community.streetId === ws.streetId : community.districtId !== null && community.districtId === ws.districtId;
    default:
      return community.id === ws.orgUnitId;
  }
}
