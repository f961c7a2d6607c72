import { checkPassword } from '@shequ/domain';
import { z } from '../zod.ts';

const newPassword = z.string({ required_error: 'reset.errors.required' }).superRefine((value, ctx) => {
  const problem = checkPassword(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `reset.errors.${problem}` });
});

/** Setting a new password from a reset link (resetPassword): the password twice. */
export const resetPasswordSchema = z
  .object({ password: newPassword, confirm: z.string({ required_error: 'reset.errors.mismatch' }) })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'reset.errors.mismatch' });

/**
 * Accepting an invitation (acceptInvitation). Someone new chooses a password and types it twice (`newAccount`
 * is set by the form); someone with an account types their password (the use case checks it).
 */
export const acceptInvitationSchema = z
  .object({
    password: z.string({ required_error: 'reset.errors.required' }).max(200, 'reset.errors.too_long'),
    confirm: z.string().optional(),
    newAccount: z.literal('1').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.newAccount) return;
    const problem = checkPassword(v.password);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `reset.errors.${problem}` });
    if (v.confirm !== v.password) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'reset.errors.mismatch' });
  });
