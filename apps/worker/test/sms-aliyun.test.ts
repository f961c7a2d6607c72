import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '@shequ/use-cases';
import { aliyunSmsConfig, readEnv } from '../src/env.ts';
import { type AliyunSmsConfig, aliyunSignature, aliyunSmsTransport, parseAliyunTemplates, percentEncode } from '../src/sms-aliyun.ts';
import { createTransports } from '../src/transports.ts';
import { type AliyunSmsStub, startAliyunSmsStub } from './aliyun-sms-stub.ts';

// Decision 042: text messages through Aliyun SMS, signed as its documentation says, against a local stub that
// recomputes the signature and refuses a wrong one.
const KEY = { accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'test-secret-不可外泄' };
const SIGN_NAME = '金元社区';
let stub: AliyunSmsStub;
let config: AliyunSmsConfig;

beforeAll(async () => {
  stub = await startAliyunSmsStub({ ...KEY, signName: SIGN_NAME, templates: { SMS_465900001: ['code', 'minutes'], SMS_465900003: ['code'] } });
  config = {
    ...KEY,
    signName: SIGN_NAME,
    templates: parseAliyunTemplates('resident_sign_in_code=SMS_465900001:code,minutes; case_replied=SMS_465900003:code'),
    endpoint: stub.endpoint,
    regionId: 'cn-hangzhou',
    timeoutMs: 5_000,
  };
});
afterAll(() => stub?.close());

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: '019ad0c2-7a41-7c55-9d0b-3f1e2a4b5c6d',
  channel: 'sms',
  kind: 'resident_sign_in_code',
  recipient: '13800001234',
  subject: '登录验证码',
  body: '【社区治理云】您的登录验证码为 482913，5 分钟内有效。',
  params: { code: '482913', minutes: '5' },
  ...over,
});

describe('Aliyun SMS signature', () => {
  it('reproduces the example of Aliyun’s SMS signature documentation (testId / testSecret → zJDF+Lrzhj/ThnlvIToysFRq6t4=)', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    // A Signature parameter already present takes no part.
    expect(aliyunSignature('GET', { ...params, Signature: 'x' }, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('percent-encodes as RFC 3986 (space %20, * %2A, ~ kept, Chinese as UTF-8 bytes)', () => {
    expect(percentEncode("a b*~-_.!'()")).toBe('a%20b%2A~-_.%21%27%28%29');
    expect(percentEncode('派')).toBe('%E6%B4%BE');
  });

  it('reads templates as kind=CODE[:vars] and refuses anything else', () => {
    expect(parseAliyunTemplates('a_b=SMS_1:code,minutes;c=SMS_2')).toEqual({ a_b: { code: 'SMS_1', variables: ['code', 'minutes'] }, c: { code: 'SMS_2', variables: null } });
    expect(() => parseAliyunTemplates('resident_sign_in_code SMS_1')).toThrow(/kind=TEMPLATE_CODE/);
  });
});

describe('Aliyun SMS transport against the signing stub', () => {
  it('sends a sign-in code as its template with the code, the sign name from configuration and the outbox id as OutId', async () => {
    const before = stub.sent.length;
    await aliyunSmsTransport(config).send(message());
    expect(stub.sent.slice(before)).toEqual([
      {
        outId: '019ad0c2-7a41-7c55-9d0b-3f1e2a4b5c6d',
        phoneNumbers: '13800001234',
        signName: '金元社区',
        templateCode: 'SMS_465900001',
        templateParam: { code: '482913', minutes: '5' },
        nonce: expect.any(String),
      },
    ]);
  });

  it('sends only the variables the template names', async () => {
    const before = stub.sent.length;
    await aliyunSmsTransport(config).send(message({ id: '019ad0c2-0000-7000-8000-000000000002', kind: 'case_replied', params: { code: 'JY-7Q4K-2M', community: '金元社区' } }));
    expect(stub.sent.slice(before).map((s) => s.templateParam)).toEqual([{ code: 'JY-7Q4K-2M' }]);
  });

  it('is refused by the stub when signed with another secret (SignatureDoesNotMatch), and nothing is sent', async () => {
    const before = { sent: stub.sent.length, refused: stub.refused.length };
    const wrong = aliyunSmsTransport({ ...config, accessKeySecret: 'not-the-secret' });
    await expect(wrong.send(message())).rejects.toThrow(/SignatureDoesNotMatch/);
    expect(stub.sent.length).toBe(before.sent);
    expect(stub.refused.slice(before.refused).map((r) => r.code)).toEqual(['SignatureDoesNotMatch']);
  });

  it('is refused when a signed request is altered on the way (another number), so the stub checks every parameter', async () => {
    const before = stub.sent.length;
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => original(input, { ...init, body: String(init!.body).replace('PhoneNumbers=13800001234', 'PhoneNumbers=13900009999') });
    try {
      await expect(aliyunSmsTransport(config).send(message({ id: '019ad0c2-0000-7000-8000-000000000003' }))).rejects.toThrow(/SignatureDoesNotMatch/);
    } finally {
      globalThis.fetch = original;
    }
    expect(stub.sent.length).toBe(before);
  });

  it('a repeated delivery carries the same OutId with a fresh nonce (Aliyun does not deduplicate: the reference ties both to one outbox row)', async () => {
    const before = stub.sent.length;
    const transport = aliyunSmsTransport(config);
    const m = message({ id: '019ad0c2-0000-7000-8000-000000000004' });
    await transport.send(m);
    await transport.send(m);
    const both = stub.sent.slice(before);
    expect(both.map((s) => s.outId)).toEqual([m.id, m.id]);
    expect(new Set(both.map((s) => s.nonce)).size).toBe(2);
  });

  it('throws on a provider refusal with Aliyun’s code and never the number (the delivery retries, then operators see it)', async () => {
    stub.failNext('isv.BUSINESS_LIMIT_CONTROL');
    const error = await aliyunSmsTransport(config)
      .send(message({ id: '019ad0c2-0000-7000-8000-000000000005' }))
      .then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/isv\.BUSINESS_LIMIT_CONTROL/);
    expect(error?.message).not.toContain('13800001234');
  });

  it('refuses before any request a kind without a template, and a message without template variables', async () => {
    const before = stub.refused.length + stub.sent.length;
    await expect(aliyunSmsTransport(config).send(message({ kind: 'breach' }))).rejects.toThrow(/no Aliyun SMS template for kind 'breach'/);
    await expect(aliyunSmsTransport(config).send(message({ params: null }))).rejects.toThrow(/no template variables/);
    await expect(aliyunSmsTransport(config).send(message({ params: { minutes: '5' } }))).rejects.toThrow(/lacks code/);
    expect(stub.refused.length + stub.sent.length).toBe(before);
  });

  it('fails when the service does not answer in time (ALIYUN_SMS_TIMEOUT_MS)', async () => {
    const server = createServer(() => {}); // takes the request and never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const started = Date.now();
      await expect(aliyunSmsTransport({ ...config, endpoint: `http://127.0.0.1:${port}/`, timeoutMs: 500 }).send(message())).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('configuration', () => {
  const base = { NODE_ENV: 'test', MAILBOX_DIR: '/tmp/shequ-sms-test' } as NodeJS.ProcessEnv;

  it('keeps the development folder by default', () => {
    const env = readEnv(base);
    expect(env.SMS_PROVIDER).toBe('development');
    expect(aliyunSmsConfig(env)).toBeNull();
    const transports = createTransports({ mailFrom: 'x <x@shequ.local>', mailboxDir: '/tmp/shequ-sms-test', aliyunSms: aliyunSmsConfig(env) });
    expect(transports.sms).toBeDefined();
  });

  it('reads the Aliyun settings (key, sign name, templates) when SMS_PROVIDER=aliyun', () => {
    const env = readEnv({
      ...base,
      SMS_PROVIDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: 'id',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
      ALIYUN_SMS_SIGN_NAME: '金元社区',
      ALIYUN_SMS_TEMPLATES: 'resident_sign_in_code=SMS_465900001:code,minutes',
      ALIYUN_SMS_ENDPOINT: '',
    });
    expect(aliyunSmsConfig(env)).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: '金元社区',
      templates: { resident_sign_in_code: { code: 'SMS_465900001', variables: ['code', 'minutes'] } },
      endpoint: 'https://dysmsapi.aliyuncs.com/',
      regionId: 'cn-hangzhou',
      timeoutMs: 10_000,
    });
  });
});
