import { describe, expect, it } from 'vitest';
import { uid, useThrottleRedis } from './support/throttle-redis.ts';

// Issue 18 / decision 037: secret-ballot codes are about 39 bits, so wrong or spent codes are limited in Redis per IP
// and per code (its hash with the community, never the code itself); residents' ratings are limited per IP.
const env = useThrottleRedis('ballot');

describe('secret ballot limits', () => {
  it('stop an IP trying many codes, and say how long to wait', async () => {
    const ip = `10.8.${uid()}`;
    const { wrongPerIp } = env.throttle.BALLOT_THROTTLE;
    for (let i = 0; i < wrongPerIp; i++) {
      const key = env.throttle.ballotCodeKey('community-a', `CODE${uid()}`);
      expect((await env.throttle.ballotThrottle(ip, key)).blocked).toBe(false);
      await env.throttle.recordBallotFailure(ip, key);
    }
    const refused = await env.throttle.ballotThrottle(ip, env.throttle.ballotCodeKey('community-a', 'ABCDEFGH'));
    expect(refused.blocked).toBe(true);
    expect(refused.blocked && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not held up.
    expect((await env.throttle.ballotThrottle(`10.8.${uid()}`, env.throttle.ballotCodeKey('community-a', 'ABCDEFGH'))).blocked).toBe(false);
  });

  it('stop one code tried from many IPs; the same code typed differently counts as one', async () => {
    const { wrongPerCode } = env.throttle.BALLOT_THROTTLE;
    const community = `c-${uid()}`;
    for (let i = 0; i < wrongPerCode; i++) await env.throttle.recordBallotFailure(`10.9.${uid()}`, env.throttle.ballotCodeKey(community, i % 2 ? 'abcd efgh' : 'ABCD-EFGH'));
    expect((await env.throttle.ballotThrottle(`10.9.${uid()}`, env.throttle.ballotCodeKey(community, 'ABCDEFGH'))).blocked).toBe(true);
    // The same code in another community is another key, and no code is kept in Redis.
    expect((await env.throttle.ballotThrottle(`10.9.${uid()}`, env.throttle.ballotCodeKey(`c-${uid()}`, 'ABCDEFGH'))).blocked).toBe(false);
    expect(await env.direct.keys(`*${env.prefix}*ABCDEFGH*`)).toEqual([]);
  });

  it('limit ratings per IP, across occurrences', async () => {
    const ip = `10.10.${uid()}`;
    for (let i = 0; i < env.throttle.RATINGS_PER_IP; i++) expect((await env.throttle.ratingThrottle(ip, `occ-${uid()}`)).blocked).toBe(false);
    expect((await env.throttle.ratingThrottle(ip, `occ-${uid()}`)).blocked).toBe(true);
  });

  it('limit ratings of one occurrence from one IP (one person could stuff it: three in a row all counted, found from outside)', async () => {
    const ip = `10.12.${uid()}`;
    const occurrence = `occ-${uid()}`;
    for (let i = 0; i < env.throttle.RATINGS_PER_IP_PER_OCCURRENCE; i++) expect((await env.throttle.ratingThrottle(ip, occurrence)).blocked).toBe(false);
    expect((await env.throttle.ratingThrottle(ip, occurrence)).blocked).toBe(true);
    // Another occurrence from the same address, and the same occurrence from another address, still get through.
    expect((await env.throttle.ratingThrottle(ip, `occ-${uid()}`)).blocked).toBe(false);
    expect((await env.throttle.ratingThrottle(`10.12.${uid()}`, occurrence)).blocked).toBe(false);
    expect(env.throttle.RATINGS_PER_IP_PER_OCCURRENCE).toBeLessThan(env.throttle.RATINGS_PER_IP);
  });
});
