import { createRedis, queuePrefix } from '@shequ/jobs';
import type { Redis } from 'ioredis';
import { env } from './env.server.ts';
import { onShutdown } from './shutdown.server.ts';

// A producer connection: commands fail fast when Redis is down, so no request waits on it.
const g = globalThis as unknown as { __shequRedis?: Redis };
export const redis: Redis = (g.__shequRedis ??= createRedis(env.REDIS_URL, 'producer'));
export const redisPrefix = queuePrefix(env.REDIS_PREFIX);
onShutdown(() => redis.quit().then(() => undefined).catch(() => undefined));
