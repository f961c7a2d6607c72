import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from './env.server.ts';
import { log } from './log.server.ts';
import { limiterRedis, redisPrefix } from './redis.server.ts';

/**
 * Limits on what anonymous residents can do, shared across web copies through Redis. If Redis is down, each copy
 * falls back to its own in-memory limiter (cruder, never off), and the fallback is logged at error level so
 * operators are alerted; submissions themselves go to PostgreSQL and are not lost.
 *
 * A Redis that hangs rather than refuses costs each command the producer connection's timeout (1 s), so after a
 * fallback the limits stay in memory for REDIS_RETRY_MS before Redis is asked again: during an outage at most one
 * short stretch in each REDIS_RETRY_MS waits on it, not every submission.
 */
const REDIS_RETRY_MS = 5_000;
let redisSkippedUntil = 0;
let lastAlert = 0;
function onFallback() {
  redisSkippedUntil = Date.now() + REDIS_RETRY_MS;
  // An operator alert (error level), at most once a minute per process.
  if (Date.now() - lastAlert < 60_000) return;
  lastAlert = Date.now();
  log.error({ alert: 'redis_unavailable' }, 'Redis unavailable: resident rate limits fell back to per-process memory');
}

type Limiter = { shared: RateLimiterAbstract; memory: RateLimiterAbstract };

function limiter(name: string, points: number, duration: number): Limiter {
  const memory = new RateLimiterMemory({ keyPrefix: `mem:${name}`, points, duration });
  const insurance = new Proxy(memory, {
    get(target, prop, receiver) {
      if (prop === 'consume' || prop === 'get' || prop === 'penalty') onFallback();
      return Reflect.get(target, prop, receiver);
    },
  });
  const shared = new RateLimiterRedis({ storeClient: limiterRedis, keyPrefix: `${redisPrefix}:limit:${name}`, points, duration, rejectIfRedisNotReady: true, insuranceLimiter: insurance });
  return { shared, memory };
}

/** The limiter to ask now: Redis, or this copy's memory while Redis is being given time to come back. */
const current = (l: Limiter) => (Date.now() < redisSkippedUntil ? l.memory : l.shared);

const submitPerIp = limiter('submit-ip', env.RESIDENT_SUBMITS_PER_IP, 3600);
const submitPerCommunity = limiter('submit-community', env.RESIDENT_SUBMITS_PER_COMMUNITY, 3600);
const lookupPerIp = limiter('track-ip', 30, 600);

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

async function take(l: Limiter, key: string): Promise<LimitResult> {
  try {
    await current(l).consume(key);
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
    return { ok: true };
  }
}

/** One resident submission from this IP into this community. */
export async function takeSubmission(ip: string, communityId: string): Promise<LimitResult> {
  // Both counters in parallel (one Redis round trip of latency); a refused request still counts against both.
  const [perIp, perCommunity] = await Promise.all([take(submitPerIp, ip), take(submitPerCommunity, communityId)]);
  return perIp.ok ? perCommunity : perIp;
}

/** A failed tracking-code lookup from this IP (guessing); successful ones are free. */
export async function takeFailedLookup(ip: string): Promise<LimitResult> {
  return take(lookupPerIp, ip);
}

export async function lookupsBlocked(ip: string): Promise<boolean> {
  try {
    const res = await current(lookupPerIp).get(ip);
    return Boolean(res && res.consumedPoints >= 30);
  } catch {
    return false;
  }
}
