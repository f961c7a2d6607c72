import { createHash } from 'node:crypto';
import { normalizeCode } from '@shequ/domain';
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

/** Seconds to wait before `key` may try again under `l` (null: not at its limit). */
async function remaining(l: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    const res = await l.get(key);
    if (res && res.consumedPoints >= l.points) return Math.ceil(res.msBeforeNext / 1000);
  } catch {
    // Redis errors here mean "no record": the consume step below still counts against the insurance limiter.
  }
  return null;
}

type Counted = [RateLimiterAbstract, string];

/** Blocked for the longest wait any of the (limiter, key) pairs asks for; nothing is counted. */
async function longestWait(...pairs: Counted[]): Promise<ThrottleState> {
  const waits = await Promise.all(pairs.map(([l, key]) => remaining(l, key)));
  const wait = Math.max(...waits.map((w) => w ?? 0));
  return wait > 0 ? { blocked: true, retryAfterSeconds: wait } : { blocked: false };
}

/** Counts one (a failure, a request) under every (limiter, key) pair. */
async function countEach(...pairs: Counted[]): Promise<void> {
  await Promise.allSettled(pairs.map(([l, key]) => l.consume(key)));
}

/**
 * Wrong tries limited under two keys, an account's or a code's (`byKey`) and the IP's (`byIp`): `check(ip, key)` says
 * whether either reached its limit and for how long (nothing counted), `record(ip, key)` counts one wrong try under both.
 */
function wrongTries(byKey: RateLimiterAbstract, byIp: RateLimiterAbstract) {
  return {
    check: (ip: string, key: string): Promise<ThrottleState> => longestWait([byKey, key], [byIp, ip]),
    record: (ip: string, key: string): Promise<void> => countEach([byKey, key], [byIp, ip]),
  };
}

/** Counts one use of `key` unless it reached the limit (then nothing is counted). */
async function countUse(l: RateLimiterAbstract, key: string): Promise<ThrottleState> {
  const wait = await remaining(l, key);
  if (wait) return { blocked: true, retryAfterSeconds: wait };
  await l.consume(key).catch(() => undefined);
  return { blocked: false };
}

const perDevice = limiter('signin-device', SIGN_IN_LIMITS.perAccount);
const accountWide = wrongTries(perAccount, perIp);
const onDevice = wrongTries(perDevice, perIp);

/**
 * Whether wrong passwords for this account or from this IP reached their limit (nothing counted). On a browser that
 * holds a device token of the account (`device`: device-cookie.server.ts trustedDevice), the account's own count is
 * that device's, and the lock strangers' wrong tries put on the account does not apply: they cannot shut its holder
 * out (an outside trial of issue 13). The IP's count applies everywhere.
 */
export function signInThrottle(ip: string, account: string, device: string | null = null): Promise<ThrottleState> {
  return device ? onDevice.check(ip, `${account}:${device}`) : accountWide.check(ip, account);
}

/** Counts one wrong password: under the device (a trusted browser) or the account, and under the IP. */
export function recordSignInFailure(ip: string, account: string, device: string | null = null): Promise<void> {
  return device ? onDevice.record(ip, `${account}:${device}`) : accountWide.record(ip, account);
}

/** After a right password: the account's count (and this device's) start again. */
export async function clearSignInFailures(account: string, device: string | null = null): Promise<void> {
  await perAccount.delete(account).catch(() => undefined);
  if (device) await perDevice.delete(`${account}:${device}`).catch(() => undefined);
}

/**
 * The account holder's reset by text-message code (issue 13): wrong codes count per mobile and per IP like sign-in
 * failures (a code also dies after five wrong tries, in the database); asking for codes counts per IP (per mobile
 * the database allows one a minute and five an hour, whoever asks).
 */
export const RESET_CODE_LIMITS = { perMobile: 5, perIp: 30, sendsPerIp: 20 } as const;
const codePerMobile = limiter('resetcode-mobile', RESET_CODE_LIMITS.perMobile);
const codePerIp = limiter('resetcode-ip', RESET_CODE_LIMITS.perIp);
const sendsPerIp = limiter('resetcode-send-ip', RESET_CODE_LIMITS.sendsPerIp);

/** Whether wrong reset codes for this mobile or from this IP reached their limit; counting one wrong code. */
export const { check: resetCodeThrottle, record: recordResetCodeFailure } = wrongTries(codePerMobile, codePerIp);

/** Counts one request for a code from this IP; blocked once the IP asked RESET_CODE_LIMITS.sendsPerIp times. */
export async function resetCodeSendThrottle(ip: string): Promise<ThrottleState> {
  return countUse(sendsPerIp, ip);
}

/**
 * Residents' sign-in by text-message code (decision 035), beside the database's own limits (per number and community:
 * one a minute, five an hour; per community: an hourly budget). Asking for codes counts per IP, per number across
 * every community (its keyed hash: no number in Redis) and per community; wrong codes count per number and per IP
 * like sign-in failures (a code also dies after five wrong tries, in the database).
 */
export const RESIDENT_CODE_THROTTLE = { sendsPerIp: 20, sendsPerNumber: 10, sendsPerCommunity: 600, wrongPerNumber: 10, wrongPerIp: 30 } as const;
const residentSendsPerIp = limiter('residentcode-send-ip', RESIDENT_CODE_THROTTLE.sendsPerIp);
const residentSendsPerNumber = limiter('residentcode-send-number', RESIDENT_CODE_THROTTLE.sendsPerNumber);
const residentSendsPerCommunity = limiter('residentcode-send-community', RESIDENT_CODE_THROTTLE.sendsPerCommunity);
const residentWrongPerNumber = limiter('residentcode-wrong-number', RESIDENT_CODE_THROTTLE.wrongPerNumber);
const residentWrongPerIp = limiter('residentcode-wrong-ip', RESIDENT_CODE_THROTTLE.wrongPerIp);

export type ResidentCodeLimit = 'ip' | 'number' | 'community';

/**
 * Counts one request for a code (from `ip`, for the number's keyed hash, in a community) unless one of the three is
 * already at its limit: then nothing is counted and the answer says which limit and for how long.
 */
export async function residentCodeSendThrottle(ip: string, numberIndex: string, communityId: string): Promise<ThrottleState & { limit?: ResidentCodeLimit }> {
  const checks: [RateLimiterAbstract, string, ResidentCodeLimit][] = [
    [residentSendsPerIp, ip, 'ip'],
    [residentSendsPerNumber, numberIndex, 'number'],
    [residentSendsPerCommunity, communityId, 'community'],
  ];
  for (const [l, key, limit] of checks) {
    const wait = await remaining(l, key);
    if (wait) return { blocked: true, retryAfterSeconds: wait, limit };
  }
  await countEach(...checks.map(([l, key]): Counted => [l, key]));
  return { blocked: false };
}

/** Whether wrong codes for this number (its keyed hash) or from this IP reached their limit; counting one wrong code. */
export const { check: residentCodeThrottle, record: recordResidentCodeFailure } = wrongTries(residentWrongPerNumber, residentWrongPerIp);

/**
 * Secret ballots by one-time code (issue 18, decision 037): a code is 8 characters of a 31-character alphabet (about
 * 39 bits), so guessing is bounded here. Wrong or spent codes count per IP and per code (the code's SHA-256 under
 * the community: no code in Redis); a voter who typed their code right is never counted. A meeting hall behind one
 * address stays well under the IP limit with honest typing mistakes.
 */
export const BALLOT_THROTTLE = { wrongPerIp: 30, wrongPerCode: 5 } as const;
const ballotWrongPerIp = limiter('ballot-wrong-ip', BALLOT_THROTTLE.wrongPerIp);
const ballotWrongPerCode = limiter('ballot-wrong-code', BALLOT_THROTTLE.wrongPerCode);

/** The key a typed code counts under: its hash with the community (spaces and case do not make a new key). */
export function ballotCodeKey(communityId: string, code: string): string {
  return createHash('sha256').update(`${communityId}:${normalizeCode(code) ?? code.trim().toUpperCase()}`).digest('hex');
}

/** Whether wrong codes from this IP or for this code (ballotCodeKey) reached their limit, and for how long; counting one wrong code. */
export const { check: ballotThrottle, record: recordBallotFailure } = wrongTries(ballotWrongPerCode, ballotWrongPerIp);

/** Residents' ratings of service posts (anonymous): at most RATINGS_PER_IP from one address in the window. */
export const RATINGS_PER_IP = 10;
const ratingsPerIp = limiter('rating-ip', RATINGS_PER_IP);

/**
 * Ratings of one service occurrence from one address: a household may rate together, one person may not stuff the
 * figure (three ratings in a row from one browser all counted: found from outside). The browser's own mark (see the
 * rating page) stops a second rating before this does.
 */
export const RATINGS_PER_IP_PER_OCCURRENCE = 3;
const ratingsPerOccurrence = limiter('rating-ip-occurrence', RATINGS_PER_IP_PER_OCCURRENCE);

/**
 * Counts one rating from this IP, of this occurrence, unless either limit is reached (then nothing more is counted
 * there). Input: the address and the occurrence's id. Output: blocked with the seconds to wait, or not.
 */
export async function ratingThrottle(ip: string, occurrenceId: string): Promise<ThrottleState> {
  const perOccurrence = await countUse(ratingsPerOccurrence, `${ip}:${occurrenceId}`);
  if (perOccurrence.blocked) return perOccurrence;
  return countUse(ratingsPerIp, ip);
}

/**
 * Objections to a published decision (决议公开, issue 18): anonymous like ratings, so at most OBJECTIONS_PER_IP from
 * one address in the window, counted as they are sent (after their own form's checks), across every decision.
 */
export const OBJECTIONS_PER_IP = 10;
const objectionsPerIp = limiter('objection-ip', OBJECTIONS_PER_IP);

/** Counts one objection from this IP unless it reached the limit (then nothing is counted). */
export async function objectionThrottle(ip: string): Promise<ThrottleState> {
  return countUse(objectionsPerIp, ip);
}

/**
 * A partner unit checking itself in at its post (issue 18, decision 057): the page takes an occurrence's one-time code
 * with no sign-in, so wrong or spent codes count per IP and per code (the code's hash with the community, as for
 * ballots) and stop further tries for the window; a right code is never counted.
 */
export const UNIT_CHECK_IN_THROTTLE = { wrongPerIp: 20, wrongPerCode: 5 } as const;
const unitCheckInWrongPerIp = limiter('unit-checkin-wrong-ip', UNIT_CHECK_IN_THROTTLE.wrongPerIp);
const unitCheckInWrongPerCode = limiter('unit-checkin-wrong-code', UNIT_CHECK_IN_THROTTLE.wrongPerCode);

/** Whether wrong codes from this IP or for this code (ballotCodeKey of the community and code) reached their limit; counting one wrong or spent code. */
export const { check: unitCheckInThrottle, record: recordUnitCheckInFailure } = wrongTries(unitCheckInWrongPerCode, unitCheckInWrongPerIp);
