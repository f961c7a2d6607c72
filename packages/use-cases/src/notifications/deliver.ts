import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { MAX_DELIVERY_ATTEMPTS, type NotificationChannel, type OutboxState } from '@shequ/domain';
import { type Db, outbox, withoutTenant } from '@shequ/db';
import { type AppAbility, assertCan } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { openRecipient } from './notify.ts';

/** One way out of the platform (SMTP, an SMS gateway, WeChat template messages, or a development folder). */
export interface MessageTransport {
  send(message: { id: string; channel: NotificationChannel; recipient: string; subject: string; body: string }): Promise<void>;
}

/** Queued rows older than this without being sent lost their job (e.g. Redis lost its data): queue them again. */
const REQUEUE_AFTER_MS = 5 * 60 * 1000;

/**
 * The relay: claims pending messages (skipping rows another relay holds), marks them queued and hands their ids to
 * the delivery queue. If the queue refuses (Redis down), the rows go back to pending and the next run retries.
 */
export async function relayOutbox(db: Db, enqueue: (ids: string[]) => Promise<void>, now = new Date(), limit = 200) {
  await withoutTenant(db, (tx) =>
    tx.update(outbox).set({ state: 'pending' }).where(and(eq(outbox.state, 'queued'), lt(outbox.queuedAt, new Date(now.getTime() - REQUEUE_AFTER_MS)))),
  );
  const claimed = await withoutTenant(db, (tx) =>
    tx
      .update(outbox)
      .set({ state: 'queued', queuedAt: now })
      .where(inArray(outbox.id, tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.state, 'pending')).orderBy(outbox.createdAt).limit(limit).for('update', { skipLocked: true })))
      .returning({ id: outbox.id }),
  );
  if (!claimed.length) return 0;
  try {
    await enqueue(claimed.map((c) => c.id));
  } catch (error) {
    await withoutTenant(db, (tx) => tx.update(outbox).set({ state: 'pending', queuedAt: null }).where(inArray(outbox.id, claimed.map((c) => c.id))));
    throw error;
  }
  return claimed.length;
}

/**
 * Delivers one message. Sent once: only a queued row is sent, and it is marked sent right after. A failure counts
 * an attempt; the caller retries with backoff until MAX_DELIVERY_ATTEMPTS, then the row stays `failed` for operators.
 */
export async function deliverMessage(db: Db, transports: Partial<Record<NotificationChannel, MessageTransport>>, cipher: PersonalDataCipher, outboxId: string, now = new Date()) {
  const [row] = await withoutTenant(db, (tx) => tx.select().from(outbox).where(eq(outbox.id, outboxId)));
  if (!row || row.state !== 'queued') return { result: 'skipped' as const };
  const transport = transports[row.channel];
  try {
    if (!transport) throw new Error(`no transport for ${row.channel}`);
    await transport.send({ id: row.id, channel: row.channel, recipient: openRecipient(row.recipient, cipher), subject: row.subject, body: row.body });
  } catch (error) {
    const attempts = row.attempts + 1;
    const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
    await withoutTenant(db, (tx) =>
      tx
        .update(outbox)
        .set({ attempts, lastError: String((error as Error).message ?? error).slice(0, 500), state: failed ? 'failed' : 'queued' })
        .where(eq(outbox.id, row.id)),
    );
    return { result: failed ? ('failed' as const) : ('retry' as const), error: error as Error };
  }
  await withoutTenant(db, (tx) => tx.update(outbox).set({ state: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, row.id)));
  return { result: 'sent' as const };
}

/** Operators' view of messages by state (recipients shown as stored: residents' numbers stay sealed). */
export async function listOutbox(db: Db, ability: AppAbility, state: OutboxState, limit = 100) {
  assertCan(ability, 'access', 'OperatorConsole');
  return withoutTenant(db, (tx) =>
    tx
      .select({ id: outbox.id, channel: outbox.channel, kind: outbox.kind, recipient: outbox.recipient, subject: outbox.subject, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
      .from(outbox)
      .where(eq(outbox.state, state))
      .orderBy(desc(outbox.createdAt))
      .limit(limit),
  );
}

export async function outboxCounts(db: Db, ability: AppAbility) {
  assertCan(ability, 'access', 'OperatorConsole');
  const rows = await withoutTenant(db, (tx) => tx.select({ state: outbox.state, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.state));
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Partial<Record<OutboxState, number>>;
}

/** An operator sends a failed message again: back to pending with a fresh count of attempts. */
export async function retryFailedMessage(db: Db, ability: AppAbility, id: string) {
  assertCan(ability, 'access', 'OperatorConsole');
  const [row] = await withoutTenant(db, (tx) =>
    tx.update(outbox).set({ state: 'pending', attempts: 0, lastError: null, queuedAt: null }).where(and(eq(outbox.id, id), eq(outbox.state, 'failed'))).returning({ id: outbox.id }),
  );
  if (!row) throw new UseCaseError('outbox.notFound');
  return row;
}
