import { createRedis, queuePrefix, type RedisClient, type RedisTarget } from '@shequ/jobs';
import { env } from './env.server.ts';
import { onShutdown } from './shutdown.server.ts';

// One Redis server, or a Redis Cluster when REDIS_CLUSTER_NODES is set (decision 032): the same factory as the worker's.
const target: RedisTarget = { url: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES };
// A producer connection: commands fail fast when Redis is down, so no request waits on it.
const g = globalThis as unknown as { __shequRedis?: RedisClient; __shequLimiterRedis?: RedisClient };
export const redis: RedisClient = (g.__shequRedis ??= createRedis(target, 'producer'));
/**
 * The residents' rate limits on a connection of their own with automatic pipelining: the commands of all requests
 * in one turn of the event loop go out in one write (each submission takes two limits). Not for BullMQ, whose
 * scripts are not known to be safe with it. On a Redis Cluster without it (it does not survive a slot migration).
 */
export const limiterRedis: RedisClient = (g.__shequLimiterRedis ??= createRedis(target, 'producer', { enableAutoPipelining: true }));
/** Hash-tagged ({…}): on a cluster every queue and limiter key of this installation is in one slot. */
export const redisPrefix = queuePrefix(env.REDIS_PREFIX);
onShutdown(() => Promise.allSettled([redis.quit(), limiterRedis.quit()]).then(() => undefined));
