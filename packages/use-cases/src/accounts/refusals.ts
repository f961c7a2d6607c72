import { defineRefusals } from '../refusal.ts';

/** Refusals of inviting staff, accepting an invitation, acting on someone's account and a unit's accounts page (issue 13). */
export const ACCOUNT_REFUSALS = defineRefusals({
  invalid: ['invite.name.invalid', 'invite.mobile.invalid', 'invite.mobile.required', 'invite.email.invalid', 'invite.role.invalid', 'invite.unit.invalid', 'invite.grids.invalid', 'accounts.role.invalid'],
  unauthenticated: ['invite.wrongPassword'],
  forbidden: ['account.outOfReach', 'account.notAnAdmin', 'account.self', 'account.noMembershipInReach'],
  notFound: ['invite.notOpen', 'invite.linkInvalid', 'accounts.notFound', 'accounts.unitNotFound'],
  conflict: ['invite.alreadyMember', 'accounts.lastAdmin'],
});
