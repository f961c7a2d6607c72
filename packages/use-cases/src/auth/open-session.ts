import { sessions, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { newToken } from '../security/token.ts';
import { listWorkspaces } from './workspaces.ts';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Opens a new session (a new id every time, so a planted cookie is worthless) for a user who has just proved who they
 * are: by password (signIn) or by an invitation link. With exactly one workspace it is chosen at once. Input: the
 * `userId`, and the request's `ip` and `userAgent` kept with the session. Output: the cookie's token, when it
 * expires, and how many workspaces the user has.
 */
export async function openSession(tx: Tx, _caller: Caller, input: { userId: string; ip: string | null; userAgent: string | null }, now = new Date()) {
  const { userId, ...meta } = input;
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
