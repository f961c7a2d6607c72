import { pickLocale, type Locale } from '@shequ/i18n';
import { readCookie, serializeCookie } from './cookies.server.ts';

export const LOCALE_COOKIE = 'lang';

export function getLocale(request: Request): Locale {
  return pickLocale(readCookie(request, LOCALE_COOKIE), request.headers.get('Accept-Language'));
}

export function localeCookie(locale: Locale): string {
  return serializeCookie(LOCALE_COOKIE, locale, { maxAgeSeconds: 365 * 24 * 3600, httpOnly: false });
}
