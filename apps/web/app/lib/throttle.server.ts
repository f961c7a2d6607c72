import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { limiterRedis, redisPrefix } from './redis.server.ts';

/**
 * Password-check throttling (sign-in, and every other place a password is checked, such as accepting an invitation
 * for an existing account): failures count per account and per IP in Redis, shared by every web copy. The account
 * key is the account's id whatever identifier was typed (passwordThrottleKey in use-cases), so switching from the
 * mobile to the email does not start a fresh count.
 * If Redis is down, an in-process limiter takes over (cruder: per copy), so throttling never switches off.
 */
const WINDOW_SECONDS = 15 * 60;

function limiter(name: string, points: number): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: limiterRedis,
    keyPrefix: `${redisPrefix}:throttle:${name}`,
    points,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `mem:${name}`, points, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS }),
  });
}

export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 30 } as const;
const perAccount = limiter('signin-account', SIGN_IN_LIMITS.perAccount);
const perIp = limiter('signin-ip', SIGN_IN_LIMITS.perIp);

export type ThrottleState = { blocked: false } | { blocked: true; retryAfterSeconds: number };

async function remaining(l: RateLimiterAbstract, key: string, max: number): Promise<number | null> {
  try {
    const res = await l.get(key);
    if (res && res.consumedPoints >= max) return Math.ceil(res.msBeforeNext / 1000);
  } catch {
    // Redis errors here mean "no record": the consume step below still counts against the insurance limiter.
  }
  return null;
}

export async function signInThrottle(ip: string, account: string): Promise<ThrottleState> {
  const waits = await Promise.all([remaining(perAccount, account, SIGN_IN_LIMITS.perAccount), remaining(perIp, ip, SIGN_IN_LIMITS.perIp)]);
  const wait = Math.max(...waits.map((w) => w ?? 0));
  return wait > 0 ? { blocked: true, retryAfterSeconds: wait } : { blocked: false };
}

export async function recordSignInFailure(ip: string, account: string): Promise<void> {
  await Promise.allSettled([perAccount.consume(account), perIp.consume(ip)]);
}

export async function clearSignInFailures(account: string): Promise<void> {
  await perAccount.delete(account).catch(() => undefined);
}
