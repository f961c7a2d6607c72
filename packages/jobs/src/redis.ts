import { Redis, type RedisOptions } from 'ioredis';

/**
 * Key prefix for every queue and limiter key. The braces are a Redis Cluster hash tag: all keys of one prefix land on
 * one node, and queues can be spread over nodes later by giving them different prefixes.
 */
export function queuePrefix(base = process.env.REDIS_PREFIX ?? 'shequ'): string {
  return base.startsWith('{') ? base : `{${base}}`;
}

/**
 * Producers (web) fail fast when Redis is down so a request never hangs on it; workers wait and retry for ever,
 * as BullMQ requires (maxRetriesPerRequest: null).
 */
export function createRedis(url: string, role: 'producer' | 'worker', options: RedisOptions = {}): Redis {
  const common: RedisOptions = { lazyConnect: false, connectTimeout: 3000, ...options };
  const redis =
    role === 'worker'
      ? new Redis(url, { ...common, maxRetriesPerRequest: null })
      : new Redis(url, { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n) => Math.min(n * 200, 2000) });
  // Connection errors are reported by readiness checks and callers; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}
