import { and, eq } from 'drizzle-orm';
import { residentSessions, type Tx } from '@shequ/db';
import type { AnonymousCaller, ResidentSelf } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { startResidentSession } from './resident-session.ts';

/**
 * A resident signed in in one community moves to another community whose register knows their number (the chooser
 * after sign-in: "a number known in several communities chooses one"). Two steps, each in its own community:
 * `leave` ends the session where it is (tenant scope of `from`), `enter` starts one in the chosen community (its
 * tenant scope), linked to its register entry; `enter` refuses a community whose register does not know the number
 * (residentSignIn.notRegistered: no pending entries are made this way, the number was proved elsewhere).
 * Caller: anonymous (the session proves the number). Output of `enter`: `{ token, expiresAt, residentId }`.
 */
export async function chooseResidentCommunity(
  tx: Tx,
  _caller: AnonymousCaller,
  input: { step: 'enter'; from: ResidentSelf; communityId: string } | { step: 'leave'; from: ResidentSelf },
  now = new Date(),
) {
  if (input.step === 'leave') {
    await tx.update(residentSessions).set({ revokedAt: now }).where(and(eq(residentSessions.tenantId, input.from.tenantId), eq(residentSessions.id, input.from.sessionId)));
    return null;
  }
  if (input.communityId === input.from.tenantId) throw new UseCaseError('residentSignIn.notRegistered');
  const session = await startResidentSession(tx, { tenantId: input.communityId, mobileIndex: input.from.mobileIndex, now });
  if (!session) throw new UseCaseError('residentSignIn.notRegistered');
  return session;
}
