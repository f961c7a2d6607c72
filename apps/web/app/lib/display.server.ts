import { readCookie, serializeCookie } from './cookies.server.ts';

/** Large-text mode for older residents: a cookie the root layout turns into a class on <html>. */
export const LARGE_TEXT_COOKIE = 'lt';

export function wantsLargeText(request: Request): boolean {
  return readCookie(request, LARGE_TEXT_COOKIE) === '1';
}

export function largeTextCookie(on: boolean): string {
  return serializeCookie(LARGE_TEXT_COOKIE, on ? '1' : '0', { maxAgeSeconds: 365 * 24 * 3600, httpOnly: false });
}
