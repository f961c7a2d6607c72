import { desc, eq } from 'drizzle-orm';
import type { OutboxState } from '@shequ/domain';
import { type Db, outbox } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { operatorScope } from './outbox-scopes.ts';

/**
 * Operators' view of messages by state (recipients shown as stored: residents' numbers stay sealed): input `state`
 * and `limit` (100). Refuses (ForbiddenError) a caller without the operator console.
 */
export async function listOutbox(db: Db, { ability }: StaffCaller, input: { state: OutboxState; limit?: number }) {
  const { state, limit = 100 } = input;
  assertCan(ability, 'access', 'OperatorConsole');
  return operatorScope(db, 'operator messages', (tx) =>
    tx
      .select({ id: outbox.id, channel: outbox.channel, kind: outbox.kind, recipient: outbox.recipient, subject: outbox.subject, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
      .from(outbox)
      .where(eq(outbox.state, state))
      .orderBy(desc(outbox.createdAt))
      .limit(limit),
  );
}
