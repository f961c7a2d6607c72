import { eq, sql } from 'drizzle-orm';
import { type Tx, userPasswords } from '@shequ/db';
import { hashPassword } from '../security/password.ts';

// Passwords live apart from accounts (user_passwords, issue 13): read and replaced only in the authentication scope
// (sign-in, one-time links, invitations, reset by code). Building blocks of those use cases, not use cases.

/** The account's password hash, or null when it has none yet (an invited account before it accepts). */
export async function storedPasswordHash(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ hash: userPasswords.hash }).from(userPasswords).where(eq(userPasswords.userId, userId));
  return row?.hash ?? null;
}

/** Sets or replaces the account's password (hashed with argon2id). */
export async function storePassword(tx: Tx, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await tx
    .insert(userPasswords)
    .values({ userId, hash })
    .onConflictDoUpdate({ target: userPasswords.userId, set: { hash, updatedAt: sql`now()` } });
}
