import { defineRefusals } from '../refusal.ts';

/**
 * Refusals of residents' sign-in by text-message code and of their "我的" page (decision 035). Messages under
 * `refusals.<code>` in zh-CN and en. A wrong, expired or worn-out code is not a refusal: signInResidentWithCode
 * returns it, so the counted attempt commits.
 */
export const RESIDENT_ACCESS_REFUSALS = defineRefusals({
  limited: ['residentSignIn.tooSoon', 'residentSignIn.tooMany', 'residentSignIn.communityBusy'],
  notFound: ['residentSignIn.notRegistered', 'residentSignUp.notFound'],
  unauthenticated: ['residentSignIn.sessionEnded'],
  conflict: ['residentSignUp.resolved'],
});
