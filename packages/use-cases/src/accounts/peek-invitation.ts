import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Role } from '@shequ/domain';
import { authTokens, invitations, orgUnits, userPasswords, users, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { hashToken } from '../security/token.ts';

/**
 * Whether an invitation link can still be used, whether it is for an account that has a password already (the page
 * then asks for it), and what it offers (role and unit name). Returns the account's id for throttling, never its
 * name or contacts: whoever holds a link must not learn who owns a mobile number (issue 13). null when unknown,
 * used, expired or withdrawn. Input: the link's `token`; the caller is whoever holds it (not signed in).
 */
export async function peekInvitation(tx: Tx, _caller: Caller, input: { token: string }, now = new Date()) {
  const { token } = input;
  if (!token || token.length > 100) return null;
  const [row] = await tx
    .select({ userId: users.id, hasPassword: userPasswords.userId, invitationId: authTokens.invitationId })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .leftJoin(userPasswords, eq(userPasswords.userId, users.id))
    .where(and(eq(authTokens.id, hashToken(token)), eq(authTokens.purpose, 'invitation'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)));
  if (!row) return null;
  let offer: { role: Role; unitName: string | null } | null = null;
  if (row.invitationId) {
    const [inv] = await tx
      .select({ role: invitations.role, unitName: orgUnits.name, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
      .from(invitations)
      .leftJoin(orgUnits, eq(orgUnits.id, invitations.orgUnitId))
      .where(eq(invitations.id, row.invitationId));
    if (!inv || inv.acceptedAt || inv.revokedAt) return null;
    offer = { role: inv.role, unitName: inv.unitName };
  }
  return { userId: row.userId, hasPassword: Boolean(row.hasPassword), offer };
}
