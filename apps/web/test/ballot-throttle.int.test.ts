import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Throttle from '~/lib/throttle.server.ts';
import type * as RedisConnections from '~/lib/redis.server.ts';

// Issue 18 / decision 037: secret-ballot codes are about 39 bits, so wrong or spent codes are limited in Redis per IP
// and per code (its hash with the community, never the code itself); residents' ratings are limited per IP.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `shequ-ballot-${randomBytes(4).toString('hex')}`;
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

describe('secret ballot limits', () => {
  it('stop an IP trying many codes, and say how long to wait', async () => {
    const ip = `10.8.${uid()}`;
    const { wrongPerIp } = throttle.BALLOT_THROTTLE;
    for (let i = 0; i < wrongPerIp; i++) {
      const key = throttle.ballotCodeKey('community-a', `CODE${uid()}`);
      expect((await throttle.ballotThrottle(ip, key)).blocked).toBe(false);
      await throttle.recordBallotFailure(ip, key);
    }
    const refused = await throttle.ballotThrottle(ip, throttle.ballotCodeKey('community-a', 'ABCDEFGH'));
    expect(refused.blocked).toBe(true);
    expect(refused.blocked && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not held up.
    expect((await throttle.ballotThrottle(`10.8.${uid()}`, throttle.ballotCodeKey('community-a', 'ABCDEFGH'))).blocked).toBe(false);
  });

  it('stop one code tried from many IPs; the same code typed differently counts as one', async () => {
    const { wrongPerCode } = throttle.BALLOT_THROTTLE;
    const community = `c-${uid()}`;
    for (let i = 0; i < wrongPerCode; i++) await throttle.recordBallotFailure(`10.9.${uid()}`, throttle.ballotCodeKey(community, i % 2 ? 'abcd efgh' : 'ABCD-EFGH'));
    expect((await throttle.ballotThrottle(`10.9.${uid()}`, throttle.ballotCodeKey(community, 'ABCDEFGH'))).blocked).toBe(true);
    // The same code in another community is another key, and no code is kept in Redis.
    expect((await throttle.ballotThrottle(`10.9.${uid()}`, throttle.ballotCodeKey(`c-${uid()}`, 'ABCDEFGH'))).blocked).toBe(false);
    expect(await direct.keys(`*${prefix}*ABCDEFGH*`)).toEqual([]);
  });

  it('limit ratings per IP', async () => {
    const ip = `10.10.${uid()}`;
    for (let i = 0; i < throttle.RATINGS_PER_IP; i++) expect((await throttle.ratingThrottle(ip)).blocked).toBe(false);
    expect((await throttle.ratingThrottle(ip)).blocked).toBe(true);
  });
});
