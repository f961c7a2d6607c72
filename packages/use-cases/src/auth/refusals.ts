import { defineRefusals } from '../refusal.ts';

/** Refusals of signing in, switching workspace and resetting a password. */
export const AUTH_REFUSALS = defineRefusals({
  invalid: ['password.too_short', 'password.too_long', 'password.too_simple', 'password.too_common'],
  unauthenticated: ['auth.invalidCredentials'],
  forbidden: ['auth.disabled', 'auth.noMembership', 'auth.notYourWorkspace'],
  notFound: ['auth.linkInvalid'],
  /** A reset code asked for again within a minute, or more than five in an hour (requestPasswordResetCode). */
  limited: ['resetCode.tooSoon', 'resetCode.tooMany'],
});
