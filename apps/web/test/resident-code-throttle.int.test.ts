import { describe, expect, it } from 'vitest';
import { uid, useThrottleRedis } from './support/throttle-redis.ts';

// Decision 035: residents' sign-in codes are limited in Redis per IP, per number (its keyed hash, across every
// community) and per community, and wrong codes count per number and per IP; each limit says which one it is and
// how long to wait. (The database's own limits per number and community: resident-sign-in.int.test.ts.)
const env = useThrottleRedis('rcode');

describe('residents’ sign-in code limits', () => {
  it('stop an IP asking for codes for many numbers', async () => {
    const ip = `10.1.${uid()}`;
    const { sendsPerIp } = env.throttle.RESIDENT_CODE_THROTTLE;
    for (let i = 0; i < sendsPerIp; i++) expect((await env.throttle.residentCodeSendThrottle(ip, `n-${uid()}`, `c-${uid()}`)).blocked).toBe(false);
    const refused = await env.throttle.residentCodeSendThrottle(ip, `n-${uid()}`, `c-${uid()}`);
    expect(refused).toMatchObject({ blocked: true, limit: 'ip' });
    expect(refused.blocked && refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('stop one number asked for from many IPs and communities', async () => {
    const number = `n-${uid()}`;
    const { sendsPerNumber } = env.throttle.RESIDENT_CODE_THROTTLE;
    for (let i = 0; i < sendsPerNumber; i++) expect((await env.throttle.residentCodeSendThrottle(`10.2.${uid()}`, number, `c-${uid()}`)).blocked).toBe(false);
    expect(await env.throttle.residentCodeSendThrottle(`10.2.${uid()}`, number, `c-${uid()}`)).toMatchObject({ blocked: true, limit: 'number' });
  });

  it('stop a community once its budget is spent, whoever asks', async () => {
    const community = `c-${uid()}`;
    const { sendsPerCommunity } = env.throttle.RESIDENT_CODE_THROTTLE;
    // Filled directly (the budget is large), then one more request through the throttle is refused.
    await env.direct.set(`${env.connections.redisPrefix}:throttle:residentcode-send-community:${community}`, String(sendsPerCommunity), 'EX', 900);
    expect(await env.throttle.residentCodeSendThrottle(`10.3.${uid()}`, `n-${uid()}`, community)).toMatchObject({ blocked: true, limit: 'community' });
    expect((await env.throttle.residentCodeSendThrottle(`10.3.${uid()}`, `n-${uid()}`, `c-${uid()}`)).blocked).toBe(false);
  });

  it('count wrong codes per number and per IP', async () => {
    const number = `n-${uid()}`;
    const ip = `10.4.${uid()}`;
    const { wrongPerNumber, wrongPerIp } = env.throttle.RESIDENT_CODE_THROTTLE;
    for (let i = 0; i < wrongPerNumber; i++) {
      expect((await env.throttle.residentCodeThrottle(`10.4.${uid()}`, number)).blocked).toBe(false);
      await env.throttle.recordResidentCodeFailure(`10.4.${uid()}`, number);
    }
    expect((await env.throttle.residentCodeThrottle(`10.4.${uid()}`, number)).blocked).toBe(true);
    for (let i = 0; i < wrongPerIp; i++) await env.throttle.recordResidentCodeFailure(ip, `n-${uid()}`);
    expect((await env.throttle.residentCodeThrottle(ip, `n-${uid()}`)).blocked).toBe(true);
    expect((await env.throttle.residentCodeThrottle(`10.4.${uid()}`, `n-${uid()}`)).blocked).toBe(false);
  });
});
