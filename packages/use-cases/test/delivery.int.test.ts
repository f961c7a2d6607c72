import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { MAX_DELIVERY_ATTEMPTS } from '@shequ/domain';
import { orgUnits, outbox } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, deliverMessage, type MessageTransport, relayOutbox, retryFailedMessage } from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

const seeded = seededDatabase();
const cipher = createPersonalDataCipher('12'.repeat(32));
/** Every message belongs to the community it is about. */
const jinyuan = async () => (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;

function recording(fail = false): MessageTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(m) {
      if (fail) throw new Error('SMTP 421 try again later');
      sent.push(`${m.recipient}|${m.subject}`);
    },
  };
}

describe('the outbox', () => {
  it('relays pending messages once, delivers each once, opens sealed numbers only to send', async () => {
    const [plain] = await seeded.owner.insert(outbox).values({ tenantId: await jinyuan(), channel: 'email', kind: 'case_escalated', recipient: 'street@demo.shequ.cn', subject: '社区上报', body: '请处理' }).returning();
    const [sealed] = await seeded.owner.insert(outbox).values({ tenantId: await jinyuan(), channel: 'sms', kind: 'case_replied', recipient: `sealed:${cipher.encrypt('13912345678')}`, subject: '回复', body: '有新回复' }).returning();
    const queued: { id: string }[][] = [];
    expect(await relayOutbox(seeded.app, anonymousCaller(), { enqueue: async (ids) => void queued.push(ids) })).toBe(2);
    expect(await relayOutbox(seeded.app, anonymousCaller(), { enqueue: async (ids) => void queued.push(ids) })).toBe(0); // nothing pending any more
    const email = recording();
    const sms = recording();
    for (const { id } of queued.flat()) expect((await deliverMessage(seeded.app, anonymousCaller(), { transports: { email, sms }, cipher, outboxId: id })).result).toBe('sent');
    expect((await deliverMessage(seeded.app, anonymousCaller(), { transports: { email, sms }, cipher, outboxId: plain!.id })).result).toBe('skipped'); // a second run sends nothing
    expect(email.sent).toEqual(['street@demo.shequ.cn|社区上报']);
    expect(sms.sent).toEqual(['13912345678|回复']);
    expect((await seeded.owner.select().from(outbox).where(eq(outbox.id, sealed!.id)))[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('a queue that refuses leaves messages pending for the next relay', async () => {
    const [row] = await seeded.owner.insert(outbox).values({ tenantId: await jinyuan(), channel: 'email', kind: 'reminder', recipient: 'a@b.cn', subject: '催办', body: '…' }).returning();
    await expect(relayOutbox(seeded.app, anonymousCaller(), { enqueue: async () => Promise.reject(new Error('redis down')) })).rejects.toThrow('redis down');
    expect((await seeded.owner.select().from(outbox).where(eq(outbox.id, row!.id)))[0]!.state).toBe('pending');
  });

  it('retries a failing transport, then leaves the message failed for an operator to send again', async () => {
    const [row] = await seeded.owner.insert(outbox).values({ tenantId: await jinyuan(), channel: 'email', kind: 'breach', recipient: 'x@y.cn', subject: '超期', body: '…', state: 'queued' }).returning();
    const broken = recording(true);
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) expect((await deliverMessage(seeded.app, anonymousCaller(), { transports: { email: broken }, cipher, outboxId: row!.id })).result).toBe('retry');
    expect((await deliverMessage(seeded.app, anonymousCaller(), { transports: { email: broken }, cipher, outboxId: row!.id })).result).toBe('failed');
    const [failed] = await seeded.owner.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(failed).toMatchObject({ state: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, lastError: 'SMTP 421 try again later' });
    const streetActor = await seeded.actorFor('13800000002');
    expect(await refusal(retryFailedMessage(seeded.app, { actor: streetActor, ability: defineAbilityFor(streetActor) }, { id: row!.id }))).toBe('forbidden');
    const operator = await seeded.actorFor('13800000000');
    await retryFailedMessage(seeded.app, { actor: operator, ability: defineAbilityFor(operator) }, { id: row!.id });
    expect((await seeded.owner.select().from(outbox).where(eq(outbox.id, row!.id)))[0]).toMatchObject({ state: 'pending', attempts: 0 });
  });
});
