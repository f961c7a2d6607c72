import { z } from '../zod.ts';
import { checkPassword, normalizeMobile } from '@shequ/domain';

/** 忘记密码, step two: the mobile, the code and the new password twice (messages are i18n keys). */
// The browser checks the policy; the server also checks the breached-password list (resetPasswordWithCode).
export const resetPasswordWithCodeSchema = z
  .object({
    mobile: z.string({ required_error: 'forgot.errors.mobileRequired' }).trim().refine((v) => normalizeMobile(v) !== null, 'forgot.errors.mobile'),
    code: z.string({ required_error: 'forgot.errors.codeRequired' }).trim().regex(/^\d{6}$/, 'forgot.errors.codeShape'),
    password: z.string({ required_error: 'reset.errors.required' }).superRefine((value, ctx) => {
      const problem = checkPassword(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `reset.errors.${problem}` });
    }),
    confirm: z.string({ required_error: 'reset.errors.mismatch' }),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'reset.errors.mismatch' });
export type ResetPasswordWithCodeInput = z.infer<typeof resetPasswordWithCodeSchema>;
