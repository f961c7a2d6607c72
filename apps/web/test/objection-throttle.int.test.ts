import { describe, expect, it } from 'vitest';
import { uid, useThrottleRedis } from './support/throttle-redis.ts';

// Issue 18 / decision 037: objections to a published decision are anonymous, so the public decision page limits them
// per IP in Redis (as ratings are), counted as they are sent; a limited address is told how long to wait.
const env = useThrottleRedis('objection');

describe('objection limits', () => {
  it('stop one address after OBJECTIONS_PER_IP objections, say how long to wait, and hold up no other address', async () => {
    const ip = `10.11.${uid()}`;
    for (let i = 0; i < env.throttle.OBJECTIONS_PER_IP; i++) expect((await env.throttle.objectionThrottle(ip)).blocked).toBe(false);
    const refused = await env.throttle.objectionThrottle(ip);
    expect(refused.blocked).toBe(true);
    expect(refused.blocked && refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // Refused sends are not counted on top (the wait does not grow), and another address still gets through.
    const again = await env.throttle.objectionThrottle(ip);
    expect(again.blocked && again.retryAfterSeconds).toBeLessThanOrEqual(refused.blocked ? refused.retryAfterSeconds : 0);
    expect((await env.throttle.objectionThrottle(`10.11.${uid()}`)).blocked).toBe(false);
    // Keyed by address only: nothing typed is kept.
    expect((await env.direct.keys(`*${env.prefix}*objection-ip*`)).length).toBeGreaterThan(0);
  });
});
