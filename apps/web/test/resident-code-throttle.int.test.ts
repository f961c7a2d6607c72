import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Throttle from '~/lib/throttle.server.ts';
import type * as RedisConnections from '~/lib/redis.server.ts';

// Decision 035: residents' sign-in codes are limited in Redis per IP, per number (its keyed hash, across every
// community) and per community, and wrong codes count per number and per IP; each limit says which one it is and
// how long to wait. (The database's own limits per number and community: resident-sign-in.int.test.ts.)
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `shequ-rcode-${randomBytes(4).toString('hex')}`;
const direct = new Redis(REDIS_URL, { lazyConnect: true });
let throttle: typeof Throttle;
let connections: typeof RedisConnections;

beforeAll(async () => {
  process.env.REDIS_PREFIX = prefix;
  process.env.LOG_LEVEL = 'silent';
  throttle = await import('~/lib/throttle.server.ts');
  connections = await import('~/lib/redis.server.ts');
  await direct.connect();
  for (let i = 0; i < 50 && connections.limiterRedis.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  await Promise.allSettled([connections?.limiterRedis.quit(), connections?.redis.quit()]);
  const keys = await direct.keys(`*${prefix}*`);
  if (keys.length) await direct.del(...keys);
  direct.disconnect();
});

const uid = () => randomBytes(6).toString('hex');

describe('residents’ sign-in code limits', () => {
  it('stop an IP asking for codes for many numbers', async () => {
    const ip = `10.1.${uid()}`;
    const { sendsPerIp } = throttle.RESIDENT_CODE_THROTTLE;
    for (let i = 0; i < sendsPerIp; i++) expect((await throttle.residentCodeSendThrottle(ip, `n-${uid()}`, `c-${uid()}`)).blocked).toBe(false);
    const refused = await throttle.residentCodeSendThrottle(ip, `n-${uid()}`, `c-${uid()}`);
    expect(refused).toMatchObject({ blocked: true, limit: 'ip' });
    expect(refused.blocked && refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('stop one number asked for from many IPs and communities', async () => {
    const number = `n-${uid()}`;
    const { sendsPerNumber } = throttle.RESIDENT_CODE_THROTTLE;
    for (let i = 0; i < sendsPerNumber; i++) expect((await throttle.residentCodeSendThrottle(`10.2.${uid()}`, number, `c-${uid()}`)).blocked).toBe(false);
    expect(await throttle.residentCodeSendThrottle(`10.2.${uid()}`, number, `c-${uid()}`)).toMatchObject({ blocked: true, limit: 'number' });
  });

  it('stop a community once its budget is spent, whoever asks', async () => {
    const community = `c-${uid()}`;
    const { sendsPerCommunity } = throttle.RESIDENT_CODE_THROTTLE;
    // Filled directly (the budget is large), then one more request through the throttle is refused.
    await direct.set(`${connections.redisPrefix}:throttle:residentcode-send-community:${community}`, String(sendsPerCommunity), 'EX', 900);
    expect(await throttle.residentCodeSendThrottle(`10.3.${uid()}`, `n-${uid()}`, community)).toMatchObject({ blocked: true, limit: 'community' });
    expect((await throttle.residentCodeSendThrottle(`10.3.${uid()}`, `n-${uid()}`, `c-${uid()}`)).blocked).toBe(false);
  });

  it('count wrong codes per number and per IP', async () => {
    const number = `n-${uid()}`;
    const ip = `10.4.${uid()}`;
    const { wrongPerNumber, wrongPerIp } = throttle.RESIDENT_CODE_THROTTLE;
    for (let i = 0; i < wrongPerNumber; i++) {
      expect((await throttle.residentCodeThrottle(`10.4.${uid()}`, number)).blocked).toBe(false);
      await throttle.recordResidentCodeFailure(`10.4.${uid()}`, number);
    }
    expect((await throttle.residentCodeThrottle(`10.4.${uid()}`, number)).blocked).toBe(true);
    for (let i = 0; i < wrongPerIp; i++) await throttle.recordResidentCodeFailure(ip, `n-${uid()}`);
    expect((await throttle.residentCodeThrottle(ip, `n-${uid()}`)).blocked).toBe(true);
    expect((await throttle.residentCodeThrottle(`10.4.${uid()}`, `n-${uid()}`)).blocked).toBe(false);
  });
});
