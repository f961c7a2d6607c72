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
 * as BullMQ requires (maxRetriesPerRequest: null). "Down" includes a Redis that holds the connection open and never
 * answers (hung, or a network partition without resets): producers' commands give up after PRODUCER_COMMAND_TIMEOUT_MS
 * instead of waiting for ever (seen before this limit: a resident's submission hung as long as Redis did).
 */
export const PRODUCER_COMMAND_TIMEOUT_MS = 1000;

export function createRedis(url: string, role: 'producer' | 'worker', options: RedisOptions = {}): Redis {
  const common: RedisOptions = { lazyConnect: false, connectTimeout: 3000, ...options };
  const redis =
    role === 'worker'
      ? new Redis(url, { ...common, maxRetriesPerRequest: null })
      : new Redis(url, { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS, retryStrategy: (n) => Math.min(n * 200, 2000) });
  // Connection errors are reported by readiness checks and callers; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}
