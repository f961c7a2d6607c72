import { describe, expect, it } from 'vitest';
import { uid, useThrottleRedis } from './support/throttle-redis.ts';

// Issue 18 / decision 057: a partner unit checks itself in at /c/<slug>/post-check-in with an occurrence's one-time
// code and no account, so wrong or spent codes are limited in Redis per IP and per code (the code's hash with the
// community, never the code itself).
const env = useThrottleRedis('unitcheckin');

describe('a unit checking in at its post', () => {
  it('stops an address after UNIT_CHECK_IN_THROTTLE.wrongPerIp wrong codes, says how long to wait, holds up no other address', async () => {
    const ip = `10.11.${uid()}`;
    const { wrongPerIp } = env.throttle.UNIT_CHECK_IN_THROTTLE;
    for (let i = 0; i < wrongPerIp; i++) {
      const key = env.throttle.ballotCodeKey('community-a', `WRONG${uid()}`);
      expect((await env.throttle.unitCheckInThrottle(ip, key)).blocked).toBe(false);
      await env.throttle.recordUnitCheckInFailure(ip, key);
    }
    const held = await env.throttle.unitCheckInThrottle(ip, env.throttle.ballotCodeKey('community-a', 'ABCDEFGH'));
    expect(held.blocked && held.retryAfterSeconds).toBeGreaterThan(0);
    expect((await env.throttle.unitCheckInThrottle(`10.11.${uid()}`, env.throttle.ballotCodeKey('community-a', 'ABCDEFGH'))).blocked).toBe(false);
  });

  it('stops one code tried from many addresses; keeps no code in Redis; the ballot limits are apart', async () => {
    const { wrongPerCode } = env.throttle.UNIT_CHECK_IN_THROTTLE;
    const community = `c-${uid()}`;
    for (let i = 0; i < wrongPerCode; i++) await env.throttle.recordUnitCheckInFailure(`10.12.${uid()}`, env.throttle.ballotCodeKey(community, 'ABCD-EFGH'));
    const key = env.throttle.ballotCodeKey(community, 'abcdefgh');
    expect((await env.throttle.unitCheckInThrottle(`10.12.${uid()}`, key)).blocked).toBe(true);
    expect((await env.throttle.ballotThrottle(`10.12.${uid()}`, key)).blocked).toBe(false);
    expect(await env.direct.keys(`*${env.prefix}*ABCDEFGH*`)).toEqual([]);
  });
});
