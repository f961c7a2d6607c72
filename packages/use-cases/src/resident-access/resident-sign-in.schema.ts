import { typedDigitCode, z } from '../zod.ts';
import { normalizeMobile } from '@shequ/domain';

/** A resident's sign-in, step one: a mainland mobile (messages are i18n keys). */
export const requestResidentSignInCodeSchema = z.object({
  mobile: z
    .string({ required_error: 'me.errors.mobileRequired' })
    .trim()
    .min(1, 'me.errors.mobileRequired')
    .max(20, 'me.errors.mobile')
    .refine((v) => normalizeMobile(v) !== null, 'me.errors.mobile'),
});

/** Step two: the same mobile and the six-digit code sent to it. */
export const signInResidentWithCodeSchema = z.object({
  mobile: z.string({ required_error: 'me.errors.mobileRequired' }).trim().refine((v) => normalizeMobile(v) !== null, 'me.errors.mobile'),
  code: typedDigitCode(6, 'me.errors.codeRequired', 'me.errors.codeShape'),
});
export type SignInResidentWithCodeInput = z.infer<typeof signInResidentWithCodeSchema>;

/** Choosing another community that knows the number (the chooser after sign-in). */
export const chooseResidentCommunitySchema = z.object({ communityId: z.string().uuid('me.errors.community') });

/** Staff resolve a pending sign-up: register the person under a name, or dismiss it. */
export const resolveResidentSignUpSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('confirm'), signUpId: z.string().uuid('errors.badRequest'), name: z.string({ required_error: 'refusals.resident.name.required' }).trim().min(1, 'refusals.resident.name.required').max(20, 'refusals.resident.name.required') }),
  z.object({ intent: z.literal('dismiss'), signUpId: z.string().uuid('errors.badRequest') }),
]);

/** The sign-in page's one form, by step: `send` asks for a code, `verify` signs in with it. */
export const residentSignInFormSchema = z.discriminatedUnion('intent', [
  requestResidentSignInCodeSchema.extend({ intent: z.literal('send') }),
  signInResidentWithCodeSchema.extend({ intent: z.literal('verify') }),
]);

/** Signing out of "我的" (a button; nothing typed). */
export const residentSignOutSchema = z.object({});
