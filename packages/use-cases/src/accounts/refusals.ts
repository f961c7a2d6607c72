import { defineRefusals } from '../refusal.ts';

/** Refusals of inviting staff, accepting an invitation and acting on someone's account. */
export const ACCOUNT_REFUSALS = defineRefusals({
  invalid: ['invite.name.invalid', 'invite.mobile.invalid', 'invite.mobile.required', 'invite.email.invalid', 'invite.role.invalid', 'invite.unit.invalid', 'invite.grids.invalid'],
  unauthenticated: ['invite.wrongPassword'],
  forbidden: ['account.outOfReach', 'account.notAnAdmin', 'account.self', 'account.noMembershipInReach'],
  notFound: ['invite.notOpen', 'invite.linkInvalid'],
  conflict: ['invite.alreadyMember'],
});
