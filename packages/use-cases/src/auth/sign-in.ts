import { eq } from 'drizzle-orm';
import { parseLoginIdentifier } from '@shequ/domain';
import { users, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { storedPasswordHash } from './stored-password.ts';
import { dummyPasswordHash, verifyPassword } from '../security/password.ts';
import { openSession } from './open-session.ts';

export type SignInInput = { identifier: string; password: string; ip: string | null; userAgent: string | null };
export type SignInResult = { token: string; userId: string; expiresAt: Date; workspaceCount: number };

/**
 * Checks the password and opens a new session (a new id every sign-in, so a planted cookie is worthless).
 * When the user has exactly one workspace it is chosen at once; otherwise the user picks. Input: the `identifier`
 * (mobile or email) and `password` as typed, the request's `ip` and `userAgent`. Refuses: auth.invalidCredentials,
 * auth.disabled, auth.noMembership (the new session is rolled back with the caller's transaction).
 */
export async function signIn(tx: Tx, caller: Caller, input: SignInInput, now = new Date()): Promise<SignInResult> {
  const identifier = parseLoginIdentifier(input.identifier);
  if (!identifier) throw new UseCaseError('auth.invalidCredentials');
  const [user] = await tx
    .select()
    .from(users)
    .where(identifier.kind === 'mobile' ? eq(users.mobile, identifier.value) : eq(users.email, identifier.value))
    .limit(1);

  const passwordHash = user ? await storedPasswordHash(tx, user.id) : null;
  const ok = await verifyPassword(passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordHash || !ok) throw new UseCaseError('auth.invalidCredentials');
  if (user.disabledAt) throw new UseCaseError('auth.disabled');

  // The caller's transaction rolls the new session back if the user turns out to have nowhere to work.
  const session = await openSession(tx, caller, { userId: user.id, ip: input.ip, userAgent: input.userAgent }, now);
  if (session.workspaceCount === 0) throw new UseCaseError('auth.noMembership');
  return { token: session.token, userId: user.id, expiresAt: session.expiresAt, workspaceCount: session.workspaceCount };
}
