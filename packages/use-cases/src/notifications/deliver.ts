import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { MAX_DELIVERY_ATTEMPTS, type NotificationChannel, type OutboxState } from '@shequ/domain';
import { type Db, outbox, SYSTEM_SCOPES, withSystem } from '@shequ/db';

/** The relay's and delivery's transactions: every community's messages, in the named system scope. */
const relayScope = <T>(db: Db, reason: string, fn: Parameters<typeof withSystem<T>>[3]) => withSystem(db, SYSTEM_SCOPES.outboxRelay, reason, fn);
/** Operators' message pages (platform maintenance). */
const operatorScope = <T>(db: Db, reason: string, fn: Parameters<typeof withSystem<T>>[3]) => withSystem(db, SYSTEM_SCOPES.maintenance, reason, fn);
import { type AppAbility, assertCan } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { openRecipient } from './notify.ts';

/**
 * One way out of the platform (SMTP, an SMS gateway, WeChat template messages, or a development folder). Delivery
 * is at least once (decision 027): `id` (the outbox row's id) is the message's idempotency key, and every transport
 * must hand it to the other side so a repeat is recognised: the email's Message-ID, the SMS gateway's and WeChat's
 * client reference (e.g. Aliyun `OutId`, WeChat `client_msg_id`), the development folder's file name.
 */
export interface MessageTransport {
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * A message as a transport gets it, opened: `kind` names what it is (an SMS gateway's template is chosen by it) and
 * `params` are the facts its text was written from (the template's variables; null for rows written before they
 * were kept, decision 042).
 */
export interface OutgoingMessage {
  id: string;
  channel: NotificationChannel;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  params: Record<string, string> | null;
}

/** The outbox row's `params` opened (sealed ones decrypted) and parsed; null when it has none. */
function openParams(params: string | null, cipher: PersonalDataCipher): Record<string, string> | null {
  return params ? (JSON.parse(openRecipient(params, cipher)) as Record<string, string>) : null;
}

/** Queued rows not sent after this lost their job (e.g. Redis lost its data), or their worker died: queue them again. */
const REQUEUE_AFTER_MS = 60 * 1000;
/** A claim older than this belongs to an attempt that died (SIGKILL, lost connection): another attempt may take over. */
export const CLAIM_TIMEOUT_MS = 30 * 1000;

/**
 * The relay: claims pending messages (skipping rows another relay holds), marks them queued and hands them to the
 * delivery queue. If the queue refuses (Redis down), the rows go back to pending and the next run retries. Queued
 * rows left unsent (their job lost with Redis's data, or their claim's worker gone) are handed over again; the
 * queue ignores a job id it already holds, and a repeat delivery is harmless (decision 027).
 */
export async function relayOutbox(db: Db, enqueue: (rows: { id: string; tenantId: string }[]) => Promise<void>, now = new Date(), limit = 200) {
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

/** Runs a bookkeeping write again if the connection broke under it (the message is already out: record it). */
async function persist<T>(write: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((r) => setTimeout(r, 200 * i));
    }
  }
}

/**
 * Delivers one message, at least once and never visibly twice (decision 027). The attempt first claims the row
 * with a fresh token (only a queued row that no live attempt holds: two workers never send it at once), sends it
 * with its id as the idempotency key, then marks it sent, only if it still holds the claim. If the mark cannot be
 * written (PostgreSQL gone), the row stays claimed until CLAIM_TIMEOUT_MS and a later attempt sends it again with
 * the same key. A failure counts an attempt; the caller retries with backoff until MAX_DELIVERY_ATTEMPTS, then
 * the row stays `failed` for operators. Results: sent | skipped (already sent, or not queued) | busy (another
 * attempt holds it) | retry | failed.
 */
export async function deliverMessage(db: Db, transports: Partial<Record<NotificationChannel, MessageTransport>>, cipher: PersonalDataCipher, outboxId: string, now = new Date()) {
  const token = randomUUID();
  const [row] = await relayScope(db, 'deliverMessage', (tx) =>
    tx
      .update(outbox)
      .set({ attemptToken: token, claimedAt: new Date() })
      .where(and(eq(outbox.id, outboxId), eq(outbox.state, 'queued'), or(isNull(outbox.claimedAt), lt(outbox.claimedAt, new Date(Date.now() - CLAIM_TIMEOUT_MS)))))
      .returning(),
  );
  if (!row) {
    const [current] = await relayScope(db, 'deliverMessage', (tx) => tx.select({ state: outbox.state }).from(outbox).where(eq(outbox.id, outboxId)));
    return { result: current?.state === 'queued' ? ('busy' as const) : ('skipped' as const) };
  }
  const mine = and(eq(outbox.tenantId, row.tenantId), eq(outbox.id, row.id), eq(outbox.attemptToken, token));
  const transport = transports[row.channel];
  try {
    if (!transport) throw new Error(`no transport for ${row.channel}`);
    // A body may be sealed too (a password-reset code): opened only here, just before it leaves.
    await transport.send({
      id: row.id,
      channel: row.channel,
      kind: row.kind,
      recipient: openRecipient(row.recipient, cipher),
      subject: row.subject,
      body: openRecipient(row.body, cipher),
      params: openParams(row.params, cipher),
    });
  } catch (error) {
    const attempts = row.attempts + 1;
    const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
    await persist(() =>
      relayScope(db, 'deliverMessage', (tx) =>
        tx
          .update(outbox)
          .set({ attempts, lastError: String((error as Error).message ?? error).slice(0, 500), state: failed ? 'failed' : 'queued', attemptToken: null, claimedAt: null })
          .where(mine),
      ),
    );
    return { result: failed ? ('failed' as const) : ('retry' as const), error: error as Error };
  }
  await persist(() => relayScope(db, 'deliverMessage', (tx) => tx.update(outbox).set({ state: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1`, attemptToken: null }).where(mine)));
  return { result: 'sent' as const };
}

/** Operators' view of messages by state (recipients shown as stored: residents' numbers stay sealed). */
export async function listOutbox(db: Db, ability: AppAbility, state: OutboxState, limit = 100) {
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

export async function outboxCounts(db: Db, ability: AppAbility) {
  assertCan(ability, 'access', 'OperatorConsole');
  const rows = await operatorScope(db, 'operator messages', (tx) => tx.select({ state: outbox.state, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.state));
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Partial<Record<OutboxState, number>>;
}

/** An operator sends a failed message again: back to pending with a fresh count of attempts. */
export async function retryFailedMessage(db: Db, ability: AppAbility, id: string) {
  assertCan(ability, 'access', 'OperatorConsole');
  const [row] = await operatorScope(db, 'operator messages', (tx) =>
    tx.update(outbox).set({ state: 'pending', attempts: 0, lastError: null, queuedAt: null, attemptToken: null, claimedAt: null }).where(and(eq(outbox.id, id), eq(outbox.state, 'failed'))).returning({ id: outbox.id }),
  );
  if (!row) throw new UseCaseError('outbox.notFound');
  return row;
}
