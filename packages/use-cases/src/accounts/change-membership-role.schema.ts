import { z } from '../zod.ts';
import { ROLES } from '@shequ/domain';

/** The change-role form of a unit's accounts page. */
export const changeMembershipRoleSchema = z.object({
  membershipId: z.string({ required_error: 'accounts.errors.notFound' }).uuid('accounts.errors.notFound'),
  role: z.enum(ROLES, { errorMap: () => ({ message: 'accounts.errors.role' }) }),
});
export type ChangeMembershipRoleInput = z.infer<typeof changeMembershipRoleSchema>;
