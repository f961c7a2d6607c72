import { eq } from 'drizzle-orm';
import { sessions, type Tx } from '@shequ/db';
import { hashToken } from '../security/token.ts';

/** Revokes the session server-side: the cookie is useless from now on, whatever the browser keeps. */
export async function signOut(tx: Tx, token: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, hashToken(token)));
}
