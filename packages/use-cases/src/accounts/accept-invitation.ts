import { and, eq, inArray, isNull } from 'drizzle-orm';
import { checkNewPassword } from '@shequ/domain';
import { authTokens, enterScope, enterTenant, grids, invitations, memberships, SYSTEM_SCOPES, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { verifyPassword } from '../security/password.ts';
import { storedPasswordHash, storePassword } from '../auth/stored-password.ts';
import { hashToken } from '../security/token.ts';
import { claimOneTimeLink } from '../security/one-time-link.ts';
import { peekInvitation } from './peek-invitation.ts';

/**
 * Spends an invitation and returns the user, whom the caller then signs in. A new account sets its password here.
 * An account that already has one must give it (the link alone never replaces a password: whoever issued the
 * invitation must not be able to take over an existing account with it). Accepting creates the membership the
 * invitation offers (and gives a grid worker their grids); before that the person holds no such role.
 * Input: the link's `token` and the `password`. Refusals: invite.linkInvalid, invite.wrongPassword,
 * password.<policy problem>.
 */
export async function acceptInvitation(tx: Tx, caller: Caller, input: { token: string; password: string }, now = new Date()) {
  const { token, password } = input;
  const invited = await peekInvitation(tx, caller, { token }, now);
  if (!invited) throw new UseCaseError('invite.linkInvalid');
  if (invited.hasPassword) {
    const hash = await storedPasswordHash(tx, invited.userId);
    if (!hash || !(await verifyPassword(hash, password))) throw new UseCaseError('invite.wrongPassword');
  } else {
    const problem = checkNewPassword(password);
    if (problem) throw new UseCaseError(`password.${problem}`);
  }
  const claimed = await claimOneTimeLink(tx, 'invitation', token, now);
  if (!claimed) throw new UseCaseError('invite.linkInvalid');
  if (!invited.hasPassword) await storePassword(tx, claimed.userId, password);
  const [token_] = await tx.select({ invitationId: authTokens.invitationId }).from(authTokens).where(eq(authTokens.id, hashToken(token)));
  if (token_?.invitationId) {
    const [inv] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, token_.invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning();
    if (!inv) throw new UseCaseError('invite.linkInvalid');
    await tx.insert(memberships).values({ userId: claimed.userId, role: inv.role, orgUnitId: inv.orgUnitId }).onConflictDoNothing();
    if (inv.gridIds.length > 0 && inv.orgUnitId) {
      // The grids live in the community's tenant context; the caller's scope (accepting: authentication) comes back
      // after, for the session it opens next in the same transaction.
      await enterTenant(tx, inv.orgUnitId);
      await tx.update(grids).set({ gridWorkerId: claimed.userId }).where(and(eq(grids.tenantId, inv.orgUnitId), inArray(grids.id, inv.gridIds)));
      await enterScope(tx, { system: SYSTEM_SCOPES.authentication });
    }
  }
  return { userId: claimed.userId };
}
