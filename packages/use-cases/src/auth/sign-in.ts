import { eq } from 'drizzle-orm';
import { parseLoginIdentifier } from '@shequ/domain';
import { sessions, users, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { storedPasswordHash } from './stored-password.ts';
import { dummyPasswordHash, verifyPassword } from '../security/password.ts';
import { newToken } from '../security/token.ts';
import { listWorkspaces } from './workspaces.ts';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type SignInInput = { identifier: string; password: string; ip: string | null; userAgent: string | null; now?: Date };
export type SignInResult = { token: string; userId: string; expiresAt: Date; workspaceCount: number };

/**
 * The key password failures are counted under: the account's id when the identifier (mobile or email, as typed)
 * belongs to one, so typing the email after five wrong tries with the mobile gains nothing; else the identifier.
 */
export async function passwordThrottleKey(tx: Tx, typed: string): Promise<string> {
  const identifier = parseLoginIdentifier(typed);
  if (!identifier) return `typed:${typed.trim().toLowerCase().slice(0, 100)}`;
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(identifier.kind === 'mobile' ? eq(users.mobile, identifier.value) : eq(users.email, identifier.value))
    .limit(1);
  return user ? `user:${user.id}` : `typed:${identifier.value}`;
}

/**
 * Checks the password and opens a new session (a new id every sign-in, so a planted cookie is worthless).
 * When the user has exactly one workspace it is chosen at once; otherwise the user picks.
 */
export async function signIn(tx: Tx, input: SignInInput): Promise<SignInResult> {
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
  const session = await openSession(tx, user.id, { ip: input.ip, userAgent: input.userAgent }, input.now);
  if (session.workspaceCount === 0) throw new UseCaseError('auth.noMembership');
  return { token: session.token, userId: user.id, expiresAt: session.expiresAt, workspaceCount: session.workspaceCount };
}


/**
 * Opens a new session (a new id every time, so a planted cookie is worthless) for a user who has just proved who they
 * are: by password (signIn) or by an invitation link. With exactly one workspace it is chosen at once.
 */
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
