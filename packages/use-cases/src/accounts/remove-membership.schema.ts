import { z } from '../zod.ts';

/** The remove form of a unit's accounts page. */
export const removeMembershipSchema = z.object({
  membershipId: z.string({ required_error: 'refusals.accounts.notFound' }).uuid('refusals.accounts.notFound'),
});
export type RemoveMembershipInput = z.infer<typeof removeMembershipSchema>;
