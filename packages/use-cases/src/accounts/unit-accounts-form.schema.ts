import { z } from '../zod.ts';
import { changeMembershipRoleSchema } from './change-membership-role.schema.ts';
import { inviteUnitAccountSchema } from './invite-unit-account.schema.ts';
import { reissueUnitInvitationSchema } from './reissue-unit-invitation.schema.ts';
import { removeMembershipSchema } from './remove-membership.schema.ts';

/**
 * A unit accounts page's forms, by intent: invite someone (inviteUnitAccount), change a member's role
 * (changeMembershipRole), remove a membership (removeMembership), issue an invitation's link again
 * (reissueUnitInvitation). Each use case parses its own part again.
 */
export const unitAccountsFormSchema = z.discriminatedUnion('intent', [
  inviteUnitAccountSchema.extend({ intent: z.literal('invite') }),
  changeMembershipRoleSchema.extend({ intent: z.literal('changeRole') }),
  removeMembershipSchema.extend({ intent: z.literal('remove') }),
  reissueUnitInvitationSchema.extend({ intent: z.literal('reissue') }),
]);
