import { z } from '../zod.ts';
import { normalizeMobile } from '@shequ/domain';

/** 忘记密码, step one: the mobile (an i18n key as each message). */
export const requestPasswordResetCodeSchema = z.object({
  mobile: z
    .string({ required_error: 'forgot.errors.mobileRequired' })
    .trim()
    .min(1, 'forgot.errors.mobileRequired')
    .max(20, 'forgot.errors.mobile')
    .refine((v) => normalizeMobile(v) !== null, 'forgot.errors.mobile'),
});
