import type { StaffCaller } from '../caller.ts';

/**
 * A volunteer acting for themselves (signed in with a text-message code on their own "我的" page): the community and
 * the person of the register. Resident sign-in arrives with issue 16's "我的" work; until then, tests and the staff
 * side build it directly.
 */
export type VolunteerSelf = { kind: 'volunteer'; tenantId: string; residentId: string };

/** Who runs a volunteer use case: a staff member, or a volunteer for themselves. */
export type VolunteerCaller = StaffCaller | VolunteerSelf;
