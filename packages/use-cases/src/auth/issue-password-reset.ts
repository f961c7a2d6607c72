import type { Tx } from '@shequ/db';
import { issueOneTimeLink } from '../security/one-time-link.ts';

export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * An admin issues a one-time reset link for a user (the caller has checked the admin may manage that user's
 * membership). Earlier unused links for the user stop working.
 */
export function issuePasswordReset(tx: Tx, adminUserId: string, userId: string, now = new Date()) {
  return issueOneTimeLink(tx, 'password_reset', userId, adminUserId, RESET_TTL_MS, now);
}
