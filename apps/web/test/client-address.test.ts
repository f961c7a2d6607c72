import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the web server (no types)
import { clientIp, trustProxySetting } from '../client-address.mjs';

/** What a server configured with TRUST_PROXY=`setting` takes as the client's address and protocol for one request. */
async function seen(setting: string | undefined, headers: Record<string, string>) {
  const app = express();
  app.set('trust proxy', trustProxySetting(setting, () => undefined));
  app.get('/', (req, res) => {
    res.json({ ip: clientIp(req), secure: req.secure });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers });
    return { status: res.status, ...((await res.json()) as { ip: string; secure: boolean }) };
  } finally {
    server.close();
  }
}

describe('client addresses (issue 13: X-Forwarded-For only from configured proxies)', () => {
  it('ignores X-Forwarded-For and -Proto unless TRUST_PROXY names the proxy', async () => {
    for (const setting of [undefined, '', '0', 'false', '10.0.0.5']) {
      expect(await seen(setting, { 'X-Forwarded-For': '203.0.113.9', 'X-Forwarded-Proto': 'https' })).toEqual({ status: 200, ip: '127.0.0.1', secure: false });
    }
  });

  it('takes them from a named proxy (this test connects from loopback)', async () => {
    expect(await seen('loopback', { 'X-Forwarded-For': '203.0.113.9', 'X-Forwarded-Proto': 'https' })).toEqual({ status: 200, ip: '203.0.113.9', secure: true });
    expect(await seen('127.0.0.1/32, 10.0.0.0/8', { 'X-Forwarded-For': '198.51.100.7' })).toMatchObject({ ip: '198.51.100.7' });
  });

  it('a malformed forwarded address falls back to the socket’s and never breaks the request', async () => {
    for (const bad of ['not-an-ip', '999.1.1.1', '1.2.3.4.5', '::zz', '%%%', ' , ']) {
      expect(await seen('loopback', { 'X-Forwarded-For': bad })).toEqual({ status: 200, ip: '127.0.0.1', secure: false });
    }
  });

  it('reads the old TRUST_PROXY=1 as the private networks only, with a warning', () => {
    const warnings: string[] = [];
    expect(trustProxySetting('1', (m: string) => warnings.push(m))).toEqual(['loopback', 'linklocal', 'uniquelocal']);
    expect(warnings).toHaveLength(1);
  });
});
