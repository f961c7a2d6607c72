import { and, eq } from 'drizzle-orm';
import { type Db, outbox } from '@shequ/db';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { operatorScope } from './outbox-scopes.ts';

/**
 * An operator sends a failed message again: back to pending with a fresh count of attempts. Input: the row's `id`.
 * Refuses: ForbiddenError without the operator console; outbox.notFound (no such failed message).
 */
export async function retryFailedMessage(db: Db, { ability }: StaffCaller, input: { id: string }) {
  const { id } = input;
  assertCan(ability, 'access', 'OperatorConsole');
  const [row] = await operatorScope(db, 'operator messages', (tx) =>
    tx.update(outbox).set({ state: 'pending', attempts: 0, lastError: null, queuedAt: null, attemptToken: null, claimedAt: null }).where(and(eq(outbox.id, id), eq(outbox.state, 'failed'))).returning({ id: outbox.id }),
  );
  if (!row) throw new UseCaseError('outbox.notFound');
  return row;
}
