import { z } from '../zod.ts';
import { ROLES } from '@shequ/domain';

/** The change-role form of a unit's accounts page. */
export const changeMembershipRoleSchema = z.object({
  membershipId: z.string({ required_error: 'refusals.accounts.notFound' }).uuid('refusals.accounts.notFound'),
  role: z.enum(ROLES, { errorMap: () => ({ message: 'refusals.accounts.role.invalid' }) }),
});
export type ChangeMembershipRoleInput = z.infer<typeof changeMembershipRoleSchema>;
