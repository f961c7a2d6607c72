import { z } from '../zod.ts';

/** The reissue form of a unit's accounts page. */
export const reissueUnitInvitationSchema = z.object({
  invitationId: z.string({ required_error: 'refusals.accounts.notFound' }).uuid('refusals.accounts.notFound'),
});
export type ReissueUnitInvitationInput = z.infer<typeof reissueUnitInvitationSchema>;
