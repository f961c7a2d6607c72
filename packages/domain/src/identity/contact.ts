import { z } from 'zod';
import { normalizeTyped } from '../text/normalize.ts';

/**
 * Mainland China mobile numbers: 11 digits starting 13–19. Full-width digits (１３８…), spaces, dashes and a
 * +86/0086 prefix are tolerated on input.
 */
const MOBILE = /^1[3-9]\d{9}$/;

export function normalizeMobile(input: string): string | null {
  const digits = normalizeTyped(input).replace(/[\s\p{Pd}]/gu, '').replace(/^(?:\+86|0086)/, '');
  return MOBILE.test(digits) ? digits : null;
}

export function isEmail(input: string): boolean {
  return z.string().email().safeParse(input).success;
}

export type LoginIdentifier = { kind: 'mobile'; value: string } | { kind: 'email'; value: string };

/** Users sign in with a mobile number or an email address; anything else is not an identifier. */
export function parseLoginIdentifier(input: string): LoginIdentifier | null {
  const trimmed = normalizeTyped(input).trim();
  const mobile = normalizeMobile(trimmed);
  if (mobile) return { kind: 'mobile', value: mobile };
  if (isEmail(trimmed)) return { kind: 'email', value: trimmed.toLowerCase() };
  return null;
}
