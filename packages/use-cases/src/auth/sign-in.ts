import { eq } from 'drizzle-orm';
import { parseLoginIdentifier } from '@shequ/domain';
import { sessions, users, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { dummyPasswordHash, verifyPassword } from '../security/password.ts';
import { newToken } from '../security/token.ts';
import { listWorkspaces } from './workspaces.ts';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type SignInInput = { identifier: string; password: string; ip: string | null; userAgent: string | null; now?: Date };
export type SignInResult = { token: string; userId: string; expiresAt: Date; workspaceCount: number };

/**
 * Checks the password and opens a new session (a new id every sign-in, so a planted cookie is worthless).
 * When the user has exactly one workspace it is chosen at once; otherwise the user picks.
 */
export async function signIn(tx: Tx, input: SignInInput): Promise<SignInResult> {
  const identifier = parseLoginIdentifier(input.identifier);
  if (!identifier) throw new UseCaseError('invalidCredentials');
  const [user] = await tx
    .select()
    .from(users)
    .where(identifier.kind === 'mobile' ? eq(users.mobile, identifier.value) : eq(users.email, identifier.value))
    .limit(1);

  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !ok) throw new UseCaseError('invalidCredentials');
  if (user.disabledAt) throw new UseCaseError('disabled');

  const workspaces = await listWorkspaces(tx, user.id);
  if (workspaces.length === 0) throw new UseCaseError('noMembership');

  const now = input.now ?? new Date();
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await tx.insert(sessions).values({
    id: hash,
    userId: user.id,
    membershipId: workspaces.length === 1 ? workspaces[0]!.membershipId : null,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  return { token, userId: user.id, expiresAt, workspaceCount: workspaces.length };
}


/** Opens a session for a user who just proved who they are another way (an invitation link). */
export async function openSession(tx: Tx, userId: string, meta: { ip: string | null; userAgent: string | null }, now = new Date()) {
  const workspaces = await listWorkspaces(tx, userId);
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await tx.insert(sessions).values({
    id: hash,
    userId,
    membershipId: workspaces.length === 1 ? workspaces[0]!.membershipId : null,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return { token, expiresAt, workspaceCount: workspaces.length };
}
