import { eq } from 'drizzle-orm';
import { sessions, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { hashToken } from '../security/token.ts';

/**
 * Revokes the session server-side: the cookie is useless from now on, whatever the browser keeps.
 * Caller: whoever holds the session's token (nobody in particular). Input: `{ token }`, the cookie's session token.
 */
export async function signOut(tx: Tx, _caller: Caller, { token }: { token: string }): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, hashToken(token)));
}
