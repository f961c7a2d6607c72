import { parseLoginIdentifier } from '@shequ/domain';
import { z } from '../zod.ts';

/** The sign-in form (signIn): a mobile number or e-mail and a password. Messages are i18n keys. */
export const signInSchema = z.object({
  identifier: z
    .string({ required_error: 'auth.errors.identifierRequired' })
    .trim()
    .min(1, 'auth.errors.identifierRequired')
    .max(100, 'auth.errors.identifierInvalid')
    .refine((v) => parseLoginIdentifier(v) !== null, 'auth.errors.identifierInvalid'),
  password: z.string({ required_error: 'auth.errors.passwordRequired' }).min(1, 'auth.errors.passwordRequired').max(200, 'auth.errors.invalidCredentials'),
  redirectTo: z.string().optional(),
});

/** Signing out posts nothing but the CSRF token. */
export const signOutSchema = z.object({});

/** Choosing a workspace (switchWorkspace): the membership, and where to go next (checked by the route). */
export const switchWorkspaceSchema = z.object({ membershipId: z.string().uuid(), redirectTo: z.string().optional() });
