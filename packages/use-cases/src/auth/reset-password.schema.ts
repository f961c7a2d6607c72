import { checkPassword } from '@shequ/domain';
import { filledIn, withRules, z } from '../zod.ts';

const newPassword = z.string({ required_error: 'reset.errors.required' }).superRefine((value, ctx) => {
  const problem = checkPassword(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `reset.errors.${problem}` });
});

/** Setting a new password from a reset link (resetPassword): the password twice. */
export const resetPasswordSchema = withRules(z.object({ password: newPassword, confirm: z.string({ required_error: 'reset.errors.mismatch' }) }), (_v, ctx, sent) => {
  // Said with the password's own problem (one too short and a different confirmation, in one answer), as typed.
  if (filledIn(sent, 'confirm') && sent.password !== sent.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'reset.errors.mismatch' });
});

/**
 * Accepting an invitation (acceptInvitation). Someone new chooses a password and types it twice (`newAccount`
 * is set by the form); someone with an account types their password (the use case checks it).
 */
export const acceptInvitationSchema = withRules(
  z.object({
    password: z.string({ required_error: 'reset.errors.required' }).max(200, 'reset.errors.too_long'),
    confirm: z.string().optional(),
    newAccount: z.literal('1').optional(),
  }),
  (v, ctx, sent) => {
    if (!v.newAccount) return;
    // A password that was typed is checked against the policy (an empty one, or one too long, is the field's own problem).
    const problem = v.password === undefined ? null : checkPassword(v.password);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `reset.errors.${problem}` });
    if ((sent.confirm ?? '') !== (sent.password ?? '')) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'reset.errors.mismatch' });
  },
);
