import { filledIn, type Sent, typedDigitCode, withRules, z } from '../zod.ts';
import { checkPassword, normalizeMobile } from '@shequ/domain';
import { requestPasswordResetCodeSchema } from './request-password-reset-code.schema.ts';

/** 忘记密码, step two: the mobile, the code and the new password twice (messages are i18n keys). */
// The browser checks the policy; the server also checks the breached-password list (resetPasswordWithCode).
export const resetPasswordWithCodeFields = z.object({
  mobile: z.string({ required_error: 'forgot.errors.mobileRequired' }).trim().refine((v) => normalizeMobile(v) !== null, 'forgot.errors.mobile'),
  code: typedDigitCode(6, 'forgot.errors.codeRequired', 'forgot.errors.codeShape'),
  password: z.string({ required_error: 'reset.errors.required' }).superRefine((value, ctx) => {
    const problem = checkPassword(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `reset.errors.${problem}` });
  }),
  confirm: z.string({ required_error: 'reset.errors.mismatch' }),
});
/** The confirmation as typed matches the password as typed (said with every field's own problem: withRules). */
const confirmMatches = (ctx: z.RefinementCtx, sent: Sent) => {
  if (filledIn(sent, 'confirm') && sent.password !== sent.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'reset.errors.mismatch' });
};
export const resetPasswordWithCodeSchema = withRules(resetPasswordWithCodeFields, (_v, ctx, sent) => confirmMatches(ctx, sent));
export type ResetPasswordWithCodeInput = z.infer<typeof resetPasswordWithCodeSchema>;

/**
 * The 忘记密码 page's two steps, by intent: `send` a code to a mobile (requestPasswordResetCode), then `reset` with
 * the code and the new password twice (resetPasswordWithCode).
 */
export const forgotPasswordFormSchema = withRules(
  z.discriminatedUnion('intent', [requestPasswordResetCodeSchema.extend({ intent: z.literal('send') }), resetPasswordWithCodeFields.extend({ intent: z.literal('reset') })]),
  (v, ctx, sent) => {
    if (v.intent === 'reset') confirmMatches(ctx, sent);
  },
);
