import { normalizeMobile } from '@shequ/domain';
import { z } from '../zod.ts';

/** The roles a community admin invites people to (inviteToRole checks the reach of each). */
export const INVITABLE_COMMUNITY_ROLES = ['community_staff', 'grid_worker', 'volunteer_leader', 'community_admin'] as const;

/** Inviting someone to the community (inviteToRole): name, mobile, role and, for a grid worker, their grids. */
export const inviteStaffSchema = z.object({
  name: z
    .string({ required_error: 'refusals.invite.name.invalid' })
    .refine((v) => v.trim().length > 0 && Array.from(v.trim()).length <= 40, 'refusals.invite.name.invalid'),
  mobile: z.string({ required_error: 'refusals.invite.mobile.required' }).refine((v) => normalizeMobile(v.trim()) !== null, 'refusals.invite.mobile.invalid'),
  role: z.enum(INVITABLE_COMMUNITY_ROLES, { errorMap: () => ({ message: 'refusals.invite.role.invalid' }) }),
  gridIds: z.array(z.string()).default([]),
});

/** The staff page's forms, by intent: invite, send an invitation's link again, issue a password-reset link. */
export const staffFormSchema = z.discriminatedUnion('intent', [
  inviteStaffSchema.extend({ intent: z.literal('invite') }),
  z.object({ intent: z.literal('reissueInvite'), invitationId: z.string().uuid() }),
  z.object({ intent: z.literal('issueReset'), membershipId: z.string().uuid() }),
]);
