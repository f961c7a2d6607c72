import { describe, expect, it } from 'vitest';
import { DEVICE_COOKIE, deviceCookieAfterSignIn, trustedDevice } from '~/lib/device-cookie.server.ts';
import { uid, useThrottleRedis } from './support/throttle-redis.ts';

// An outside trial of issue 13: five wrong passwords from anywhere locked an account for 15 minutes everywhere (its
// holder's right password from another address got 429), and a community admin could do it to a street officer by
// inviting their number and typing wrong passwords on the invitation. Device cookies: a browser where the account
// signed in before counts its own wrong tries and is not shut out by strangers'.
const env = useThrottleRedis('device');

/** A request carrying the Set-Cookie value as its Cookie header. */
const withCookie = (setCookie: string | null) => new Request('http://localhost/login', { headers: setCookie ? { Cookie: setCookie.split(';')[0]! } : {} });

describe('device cookies', () => {
  it('bind a browser to the accounts that signed in on it, and a forged or another account’s token verifies for none', () => {
    const a = `user:${uid()}`;
    const b = `user:${uid()}`;
    const first = deviceCookieAfterSignIn(withCookie(null), a);
    expect(first).toMatch(new RegExp(`^${DEVICE_COOKIE}=`));
    expect(first).toContain('HttpOnly');
    const device = trustedDevice(withCookie(first), a);
    expect(device).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(trustedDevice(withCookie(first), b)).toBeNull();
    // The same browser keeps its id for the account when it signs in again, and holds a second account's token too.
    const both = deviceCookieAfterSignIn(withCookie(first), b);
    expect(trustedDevice(withCookie(both), a)).toBe(device);
    expect(trustedDevice(withCookie(both), b)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const forged = `${DEVICE_COOKIE}=${device}.${'A'.repeat(32)}`;
    expect(trustedDevice(withCookie(forged), a)).toBeNull();
    expect(trustedDevice(withCookie(`${DEVICE_COOKIE}=%ff~junk`), a)).toBeNull();
  });

  it('five wrong passwords from strangers lock the account for other browsers, not for one where its holder signed in', async () => {
    const account = `user:${uid()}`;
    const { perAccount } = env.throttle.SIGN_IN_LIMITS;
    for (let i = 0; i < perAccount; i++) await env.throttle.recordSignInFailure(`10.20.${uid()}`, account);
    expect((await env.throttle.signInThrottle(`10.21.${uid()}`, account)).blocked).toBe(true);
    const device = trustedDevice(withCookie(deviceCookieAfterSignIn(withCookie(null), account)), account);
    expect((await env.throttle.signInThrottle(`10.22.${uid()}`, account, device)).blocked).toBe(false);
    // Wrong tries on that browser still count, for that browser: five lock it.
    const ip = `10.23.${uid()}`;
    for (let i = 0; i < perAccount; i++) await env.throttle.recordSignInFailure(ip, account, device);
    expect((await env.throttle.signInThrottle(`10.24.${uid()}`, account, device)).blocked).toBe(true);
    // Another trusted browser of the same account is not held up by it.
    const other = trustedDevice(withCookie(deviceCookieAfterSignIn(withCookie(null), account)), account);
    expect((await env.throttle.signInThrottle(`10.25.${uid()}`, account, other)).blocked).toBe(false);
  });
});
