import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { MAX_DELIVERY_ATTEMPTS, type NotificationChannel } from '@shequ/domain';
import { type Db, outbox } from '@shequ/db';
import type { Caller } from '../caller.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { openRecipient } from './notify.ts';
import { CLAIM_TIMEOUT_MS, relayScope } from './outbox-scopes.ts';

export { CLAIM_TIMEOUT_MS } from './outbox-scopes.ts';

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
 * attempt holds it) | retry | failed. A worker's job (the caller is the system). Input: the `transports` by
 * channel, the personal-data `cipher` and the row's `outboxId`.
 */
export async function deliverMessage(
  db: Db,
  _caller: Caller,
  input: { transports: Partial<Record<NotificationChannel, MessageTransport>>; cipher: PersonalDataCipher; outboxId: string },
  now = new Date(),
) {
  const { transports, cipher, outboxId } = input;
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
