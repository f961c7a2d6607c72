import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readCookie, serializeCookie } from './cookies.server.ts';
import { env } from './env.server.ts';

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser where an account signed
 * in successfully keeps a signed token bound to that account. Wrong passwords typed on it count per device, and the
 * lock an account gets after five wrong passwords from elsewhere does not shut it out: anyone could lock any account
 * by typing five wrong passwords for it (an admin even through an invitation to that number), and its holder could
 * not sign in for 15 minutes from any browser (found by an outside trial of issue 13). Nothing is stored on the
 * server; the token is a random id and an HMAC of it with the account's throttle key (passwordThrottleKey), under
 * SESSION_SECRET. One cookie holds the tokens of up to five accounts (a shared office computer).
 */
export const DEVICE_COOKIE = 'shequ_device';
const MAX_ACCOUNTS = 5;
const MAX_AGE_SECONDS = 180 * 24 * 3600;

const mac = (account: string, id: string) => createHmac('sha256', env.SESSION_SECRET).update(`device:${account}:${id}`).digest('base64url').slice(0, 32);

function tokensOf(request: Request): string[] {
  const raw = readCookie(request, DEVICE_COOKIE);
  return raw ? raw.split('~').filter((t) => /^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{32}$/.test(t)).slice(0, MAX_ACCOUNTS) : [];
}

/**
 * The id of this browser's device token for `account` (its throttle key), or null when the browser holds none that
 * verifies for it (absent, forged, another account's).
 */
export function trustedDevice(request: Request, account: string): string | null {
  for (const token of tokensOf(request)) {
    const [id, given] = token.split('.') as [string, string];
    const want = mac(account, id);
    if (timingSafeEqual(Buffer.from(want), Buffer.from(given))) return id;
  }
  return null;
}

/** The Set-Cookie value after `account` signed in on this browser: its token kept (or made), others kept, at most five. */
export function deviceCookieAfterSignIn(request: Request, account: string): string {
  const kept = tokensOf(request);
  const own = trustedDevice(request, account);
  const id = own ?? randomBytes(12).toString('base64url');
  const token = `${id}.${mac(account, id)}`;
  const others = kept.filter((t) => t !== token);
  return serializeCookie(DEVICE_COOKIE, [token, ...others].slice(0, MAX_ACCOUNTS).join('~'), { maxAgeSeconds: MAX_AGE_SECONDS });
}
