import { z } from '../zod.ts';
import { normalizeMobile, ROLES } from '@shequ/domain';

/** The invitation form of a unit's accounts page (messages are i18n keys, translated where shown). */
export const inviteUnitAccountSchema = z.object({
  orgUnitId: z.string({ required_error: 'accounts.errors.unit' }).uuid('accounts.errors.unit'),
  name: z.string({ required_error: 'accounts.errors.name' }).trim().min(1, 'accounts.errors.name').max(40, 'accounts.errors.name'),
  mobile: z
    .string({ required_error: 'accounts.errors.mobileRequired' })
    .trim()
    .min(1, 'accounts.errors.mobileRequired')
    .max(20, 'accounts.errors.mobile')
    .refine((v) => normalizeMobile(v) !== null, 'accounts.errors.mobile'),
  role: z.enum(ROLES, { errorMap: () => ({ message: 'accounts.errors.role' }) }),
});
export type InviteUnitAccountInput = z.infer<typeof inviteUnitAccountSchema>;
