import { randomBytes } from 'node:crypto';

/** 128 random bits, URL-safe: a poster's code cannot be guessed from another's. */
export function newQrToken(): string {
  return randomBytes(16).toString('base64url');
}
