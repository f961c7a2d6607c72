import { eq } from 'drizzle-orm';
import { parseLoginIdentifier } from '@shequ/domain';
import { users, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';

/**
 * The key password failures are counted under: the account's id when the identifier (mobile or email, as typed)
 * belongs to one, so typing the email after five wrong tries with the mobile gains nothing; else the identifier.
 * Input: the `identifier` as typed. Read before signing in (the caller is not signed in).
 */
export async function passwordThrottleKey(tx: Tx, _caller: Caller, input: { identifier: string }): Promise<string> {
  const typed = input.identifier;
  const identifier = parseLoginIdentifier(typed);
  if (!identifier) return `typed:${typed.trim().toLowerCase().slice(0, 100)}`;
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(identifier.kind === 'mobile' ? eq(users.mobile, identifier.value) : eq(users.email, identifier.value))
    .limit(1);
  return user ? `user:${user.id}` : `typed:${identifier.value}`;
}
