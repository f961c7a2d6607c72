import { z } from '../zod.ts';
import { normalizeMobile, ROLES } from '@shequ/domain';

/** The invitation form of a unit's accounts page (messages are the refusals' keys, `refusals.<code>`: inviteUnitAccount refuses with the same codes). */
export const inviteUnitAccountSchema = z.object({
  orgUnitId: z.string({ required_error: 'refusals.accounts.unitNotFound' }).uuid('refusals.accounts.unitNotFound'),
  name: z.string({ required_error: 'refusals.invite.name.invalid' }).trim().min(1, 'refusals.invite.name.invalid').max(40, 'refusals.invite.name.invalid'),
  mobile: z
    .string({ required_error: 'refusals.invite.mobile.required' })
    .trim()
    .min(1, 'refusals.invite.mobile.required')
    .max(20, 'refusals.invite.mobile.invalid')
    .refine((v) => normalizeMobile(v) !== null, 'refusals.invite.mobile.invalid'),
  role: z.enum(ROLES, { errorMap: () => ({ message: 'refusals.accounts.role.invalid' }) }),
});
export type InviteUnitAccountInput = z.infer<typeof inviteUnitAccountSchema>;
