import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createDb, type Db, orgUnits, outbox, withTenant } from '@shequ/db';
import { createTestDatabase, createTestOwnerDb, type TestDatabase } from '@shequ/db/testing';
import { anonymousCaller, deliverMessage, requestResidentSignInCode } from '@shequ/use-cases';
import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { seedDemo } from '@shequ/use-cases/seed';
import { aliyunSmsTransport, parseAliyunTemplates } from '../src/sms-aliyun.ts';
import { type AliyunSmsStub, startAliyunSmsStub } from './aliyun-sms-stub.ts';

// Decision 042 end to end: a resident asks for a sign-in code; the outbox row (number, text and variables sealed)
// is delivered through the Aliyun transport to the signing stub, which receives the code as the template's
// variable and the outbox id as OutId. Signed with a wrong secret, the stub refuses and the row waits for a retry
// with Aliyun's code as its last error.
let tdb: TestDatabase;
let owner: Db;
let app: Db;
let jinyuan: string;
let stub: AliyunSmsStub;
const cipher = createPersonalDataCipher('5a'.repeat(32));
const KEY = { accessKeyId: 'LTAI5tIntKeyId', accessKeySecret: 'int-secret' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  owner = createTestOwnerDb(tdb.ownerUrl, 2);
  app = createDb(tdb.appUrl, { max: 2 });
  await seedDemo(owner);
  jinyuan = (await owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  stub = await startAliyunSmsStub({ ...KEY, signName: '金元社区', templates: { SMS_465900001: ['code', 'minutes'] } });
}, 120_000);

afterAll(async () => {
  await stub?.close();
  await app?.close();
  await owner?.close();
  await tdb?.drop();
});

const transport = (secret: string) =>
  aliyunSmsTransport({ ...KEY, accessKeySecret: secret, signName: '金元社区', templates: parseAliyunTemplates('resident_sign_in_code=SMS_465900001:code,minutes'), endpoint: stub.endpoint, regionId: 'cn-hangzhou', timeoutMs: 5_000 });

async function codeMessage(mobile: string) {
  await withTenant(app, jinyuan, (tx) => requestResidentSignInCode(tx, anonymousCaller(), { tenantId: jinyuan, mobile, cipher }));
  const [row] = await owner
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, jinyuan), eq(outbox.kind, 'resident_sign_in_code')))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(1);
  await owner.update(outbox).set({ state: 'queued', queuedAt: new Date() }).where(eq(outbox.id, row!.id));
  return row!;
}

describe('a sign-in code through Aliyun SMS', () => {
  it('arrives at the stub as template SMS_465900001 with the code, the number and OutId = the outbox id; the row is sent', async () => {
    const row = await codeMessage('13655501001');
    // Variables are kept sealed beside the sealed text: the code is not readable in the table.
    expect(row.params).toMatch(/^sealed:/);
    const code = /(\d{6})/.exec(cipher.decrypt(row.body.slice('sealed:'.length)))![1]!;
    expect(row.params).not.toContain(code);

    expect((await deliverMessage(app, anonymousCaller(), { transports: { sms: transport(KEY.accessKeySecret) }, cipher, outboxId: row.id })).result).toBe('sent');
    expect(stub.sent.filter((s) => s.outId === row.id)).toEqual([
      { outId: row.id, phoneNumbers: '13655501001', signName: '金元社区', templateCode: 'SMS_465900001', templateParam: { code, minutes: '5' }, nonce: expect.any(String) },
    ]);
    const [after] = await owner.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after!.state).toBe('sent');
  });

  it('is refused by the stub when signed with a wrong secret: nothing sent, the row stays queued for a retry with SignatureDoesNotMatch', async () => {
    const row = await codeMessage('13655501002');
    const outcome = await deliverMessage(app, anonymousCaller(), { transports: { sms: transport('wrong-secret') }, cipher, outboxId: row.id });
    expect(outcome.result).toBe('retry');
    expect(stub.sent.filter((s) => s.outId === row.id)).toEqual([]);
    const [after] = await owner.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ state: 'queued', attempts: 1 });
    expect(after!.lastError).toMatch(/SignatureDoesNotMatch/);
    expect(after!.lastError).not.toContain('13655501002');
  });
});
