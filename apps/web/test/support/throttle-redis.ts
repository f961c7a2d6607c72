import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type * as Throttle from '~/lib/throttle.server.ts';
import type * as RedisConnections from '~/lib/redis.server.ts';

/**
 * The throttles (app/lib/throttle.server.ts) against the real Redis, under a prefix of their own for this test file:
 * REDIS_PREFIX is set before the modules load (they read it once), the limiter connection is awaited, and every key
 * under the prefix is deleted afterwards. `direct` is a plain connection to look at (or fill) keys.
 * Call it at the top of a test file; read the fields inside tests (they are set in beforeAll).
 */
export function useThrottleRedis(label: string) {
  const env = {
    prefix: `shequ-${label}-${randomBytes(4).toString('hex')}`,
    direct: new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true }),
    throttle: undefined as unknown as typeof Throttle,
    connections: undefined as unknown as typeof RedisConnections,
  };
  beforeAll(async () => {
    process.env.REDIS_PREFIX = env.prefix;
    process.env.LOG_LEVEL = 'silent';
    env.throttle = await import('~/lib/throttle.server.ts');
    env.connections = await import('~/lib/redis.server.ts');
    await env.direct.connect();
    for (let i = 0; i < 50 && env.connections.limiterRedis.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await Promise.allSettled([env.connections?.limiterRedis.quit(), env.connections?.redis.quit()]);
    const keys = await env.direct.keys(`*${env.prefix}*`);
    if (keys.length) await env.direct.del(...keys);
    env.direct.disconnect();
  });
  return env;
}

/** A random suffix for keys (IPs, numbers, communities) that no other test shares. */
export const uid = () => randomBytes(6).toString('hex');
