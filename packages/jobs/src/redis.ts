import type { Job, Queue } from 'bullmq';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/**
 * Key prefix for every queue and limiter key. The braces are a Redis Cluster hash tag: all keys of one prefix land on
 * one node (one hash slot), as BullMQ's scripts, which touch several keys of a queue at once, require on a cluster.
 * Queues could be spread over nodes later by giving them different prefixes.
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

/** `REDIS_CLUSTER_NODES`: comma-separated host:port seeds, e.g. `10.0.0.1:6379,10.0.0.2:6379,10.0.0.3:6379`. */
export const CLUSTER_NODES_PATTERN = /^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/;

/**
 * Where Redis is. `url` alone: one Redis server (or a proxy in front of many). With `clusterNodes` (REDIS_CLUSTER_NODES)
 * the processes speak to a Redis Cluster through ioredis' Cluster client, which follows MOVED and ASK redirections
 * (a reshard moving slots while jobs flow) by itself; `url` then gives only credentials and TLS (`rediss://`).
 */
export type RedisTarget = { url: string; clusterNodes?: string | undefined };

export type RedisClient = Redis | Cluster;

/** The seed nodes of a REDIS_CLUSTER_NODES value; throws on a malformed one (the env schemas check it at boot). */
export function parseClusterNodes(value: string): { host: string; port: number }[] {
  if (!CLUSTER_NODES_PATTERN.test(value)) throw new Error(`REDIS_CLUSTER_NODES must be host:port[,host:port…], got ${JSON.stringify(value)}`);
  return value.split(',').map((s) => {
    const [host, port] = s.trim().split(':') as [string, string];
    return { host, port: Number(port) };
  });
}

/** Credentials, database and TLS of a redis:// or rediss:// URL, for the cluster's node connections. */
function nodeOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

const retry = (n: number) => Math.min(n * 200, 2000);

/**
 * The one place a Redis connection is made (web, worker, supervisor, tests and benches that talk to the product's
 * Redis). `role` decides how it waits: see PRODUCER_COMMAND_TIMEOUT_MS. Given a string (a URL) it is always one
 * server; given a RedisTarget with clusterNodes, a Cluster client whose node connections carry the same role
 * options. MOVED/ASK are followed (up to 16 redirections, a slot refresh after each MOVED), TRYAGAIN and
 * CLUSTERDOWN are retried after 100 ms, so a reshard is not seen by callers. `enableAutoPipelining` is ignored on a
 * cluster (see below).
 */
export function createRedis(target: string, role: 'producer' | 'worker', options?: RedisOptions): Redis;
export function createRedis(target: RedisTarget, role: 'producer' | 'worker', options?: RedisOptions): RedisClient;
export function createRedis(target: string | RedisTarget, role: 'producer' | 'worker', options: RedisOptions = {}): RedisClient {
  const { url, clusterNodes } = typeof target === 'string' ? { url: target, clusterNodes: undefined } : target;
  const roleOptions: RedisOptions =
    role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS };
  let redis: RedisClient;
  if (clusterNodes?.trim()) {
    const { enableAutoPipelining: _pipelining, lazyConnect, ...nodeOptions } = options;
    const clusterOptions: ClusterOptions = {
      redisOptions: { connectTimeout: 3000, ...nodeOptionsFromUrl(url), ...nodeOptions, ...roleOptions },
      // Producers fail fast while the cluster is not reachable; workers queue their commands until it is.
      enableOfflineQueue: role === 'worker',
      clusterRetryStrategy: retry,
      maxRedirections: 16,
      retryDelayOnMoved: 0,
      retryDelayOnTryAgain: 100,
      retryDelayOnClusterDown: 100,
      retryDelayOnFailover: 100,
      slotsRefreshTimeout: 1000,
      // Never on a cluster: an automatic pipeline that meets a slot migration has some commands answered and some
      // redirected with ASK, which ioredis does not retry (only a pipeline whose every error is the same redirection);
      // measured, half of the residents' limits fell back to memory during one slot move with it, none without.
      enableAutoPipelining: false,
      lazyConnect: lazyConnect ?? false,
    };
    redis = new Cluster(parseClusterNodes(clusterNodes), clusterOptions);
  } else {
    const common: RedisOptions = { lazyConnect: false, connectTimeout: 3000, ...options };
    redis = new Redis(url, role === 'worker' ? { ...common, ...roleOptions } : { ...common, ...roleOptions, retryStrategy: retry });
  }
  // Connection errors are reported by readiness checks and callers; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}

/**
 * Readiness of Redis for this product, in a few hundred ms or an error: a read of a key under the queues' hash-tagged
 * prefix, so on a cluster it is answered by the node that owns the queues' slot (a PING would be answered by any
 * node, and say "ok" while the queues' node is gone or the cluster is down). Callers bound the wait (see health).
 */
export async function redisReady(redis: RedisClient, prefix: string): Promise<'ok'> {
  await redis.exists(`${prefix}:readiness`);
  return 'ok';
}

/** Replies a Redis Cluster gives while a slot moves or a node fails over; the same request succeeds shortly after. */
const PASSING_CLUSTER_STATES = /^(TRYAGAIN|CLUSTERDOWN|MOVED|ASK)\b/;

/**
 * Adds jobs in bulk, again if a Redis Cluster answered that a slot is moving. ioredis retries MOVED, ASK and TRYAGAIN
 * for single commands, but not for a MULTI whose commands failed differently (some keys already moved, some not), which
 * is what BullMQ's addBulk sends. Every job given here must carry a fixed `jobId`, so adding one twice changes nothing
 * and the retry is safe. Input: the queue and BullMQ bulk entries; `tries` (default 20) and `delayMs` between tries
 * (default 100 ms). Output: BullMQ's jobs. Throws the last error when the cluster still refuses after `tries`, or at once
 * for any other error.
 */
export async function addBulkThroughReshard(
  queue: Queue,
  jobs: Parameters<Queue['addBulk']>[0],
  { tries = 20, delayMs = 100 }: { tries?: number; delayMs?: number } = {},
): Promise<Job[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await queue.addBulk(jobs);
    } catch (error) {
      if (attempt >= tries || !PASSING_CLUSTER_STATES.test(error instanceof Error ? error.message : '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
