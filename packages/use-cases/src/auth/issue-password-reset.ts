import type { AccountActor } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import { assertMayActOnAccount } from '../accounts/account-places.ts';
import { issueOneTimeLink } from '../security/one-time-link.ts';

export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * An admin issues a one-time reset link (24 h) for someone's account. Earlier unused links for the user stop
 * working. Refused with UseCaseError 'account.outOfReach' / 'account.noMembershipInReach' / 'account.self' /
 * 'account.notAnAdmin' unless every membership the account holds lies within the admin's reach (issue 13: an
 * admin of one community must not take over an account that also works in another).
 */
export async function issuePasswordReset(tx: Tx, actor: AccountActor, userId: string, now = new Date()) {
  await assertMayActOnAccount(tx, actor, 'resetPassword', userId);
  return issueOneTimeLink(tx, 'password_reset', userId, actor.userId, RESET_TTL_MS, now);
}
