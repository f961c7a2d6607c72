import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { type Db, outbox } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { CLAIM_TIMEOUT_MS, relayScope } from './outbox-scopes.ts';

/** Queued rows not sent after this lost their job (e.g. Redis lost its data), or their worker died: queue them again. */
const REQUEUE_AFTER_MS = 60 * 1000;

/**
 * The relay: claims pending messages (skipping rows another relay holds), marks them queued and hands them to the
 * delivery queue. If the queue refuses (Redis down), the rows go back to pending and the next run retries. Queued
 * rows left unsent (their job lost with Redis's data, or their claim's worker gone) are handed over again; the
 * queue ignores a job id it already holds, and a repeat delivery is harmless (decision 027). A worker's job (the
 * caller is the system). Input: `enqueue` (hands rows to the delivery queue) and `limit` (200 a run). Output: how
 * many rows were handed over.
 */
export async function relayOutbox(db: Db, _caller: Caller, input: { enqueue: (rows: { id: string; tenantId: string }[]) => Promise<void>; limit?: number }, now = new Date()) {
  const { enqueue, limit = 200 } = input;
  const stale = new Date(now.getTime() - REQUEUE_AFTER_MS);
  await relayScope(db, 'relayOutbox', (tx) =>
    tx
      .update(outbox)
      .set({ state: 'pending' })
      .where(and(eq(outbox.state, 'queued'), lt(outbox.queuedAt, stale), or(isNull(outbox.claimedAt), lt(outbox.claimedAt, new Date(now.getTime() - CLAIM_TIMEOUT_MS))))),
  );
  const claimed = await relayScope(db, 'relayOutbox', (tx) =>
    tx
      .update(outbox)
      .set({ state: 'queued', queuedAt: now })
      .where(inArray(outbox.id, tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.state, 'pending')).orderBy(outbox.createdAt).limit(limit).for('update', { skipLocked: true })))
      .returning({ id: outbox.id, tenantId: outbox.tenantId }),
  );
  if (!claimed.length) return 0;
  try {
    await enqueue(claimed);
  } catch (error) {
    await relayScope(db, 'relayOutbox', (tx) => tx.update(outbox).set({ state: 'pending', queuedAt: null }).where(inArray(outbox.id, claimed.map((c) => c.id))));
    throw error;
  }
  return claimed.length;
}
