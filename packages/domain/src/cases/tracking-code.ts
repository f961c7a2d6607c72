/**
 * Tracking codes residents keep: 10 characters of Crockford base32 (50 bits: unguessable at any rate limit),
 * shown in groups (ABCDE-FGHJK), read case-insensitively, and forgiving of O/0 and I/L/1 mix-ups.
 */
import { normalizeTyped } from '../text/normalize.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

/** Builds a code from random bytes (the caller supplies them: this module does no I/O). */
export function trackingCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < TRACKING_CODE_LENGTH) throw new Error('need 10 random bytes');
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += ALPHABET[bytes[i]! & 31];
  return code;
}

/** Normalises what a resident typed (full-width forms too: ＡＢＣＤＥ－…); null when it cannot be a code. */
export function normalizeTrackingCode(input: string): string | null {
  const cleaned = normalizeTyped(input)
    .toUpperCase()
    .replace(/[\s\p{Pd}]/gu, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/U/g, 'V');
  if (cleaned.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}

/**
 * The one way a tracking code is shown to anyone, on every page and in every message: two groups of five joined by
 * a dash (`1SQG7-K6V3D`). Accepts the stored form or anything a resident typed; what cannot be a code is returned
 * unchanged rather than mangled.
 */
export function formatTrackingCode(code: string): string {
  const normalized = normalizeTrackingCode(code);
  if (!normalized) return code;
  return `${normalized.slice(0, 5)}-${normalized.slice(5)}`;
}
