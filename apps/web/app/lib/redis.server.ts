import { createRedis, queuePrefix } from '@shequ/jobs';
import type { Redis } from 'ioredis';
import { env } from './env.server.ts';
import { onShutdown } from './shutdown.server.ts';

// A producer connection: commands fail fast when Redis is down, so no request waits on it.
const g = globalThis as unknown as { __shequRedis?: Redis; __shequLimiterRedis?: Redis };
export const redis: Redis = (g.__shequRedis ??= createRedis(env.REDIS_URL, 'producer'));
/**
 * The residents' rate limits on a connection of their own with automatic pipelining: the commands of all requests
 * in one turn of the event loop go out in one write (each submission takes two limits). Not for BullMQ, whose
 * scripts are not known to be safe with it.
 */
export const limiterRedis: Redis = (g.__shequLimiterRedis ??= createRedis(env.REDIS_URL, 'producer', { enableAutoPipelining: true }));
export const redisPrefix = queuePrefix(env.REDIS_PREFIX);
onShutdown(() => Promise.allSettled([redis.quit(), limiterRedis.quit()]).then(() => undefined));
