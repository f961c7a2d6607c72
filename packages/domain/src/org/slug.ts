import { foldText } from '../text/normalize.ts';

/** Short URL names for communities: lowercase latin letters, digits and single hyphens, 3–40 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,39}$/;

export const RESERVED_SLUGS = new Set(['admin', 'api', 'operator', 'login', 'logout', 'community', 'org', 'static', 'assets', 'healthz', 'readyz']);

export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug) && !RESERVED_SLUGS.has(slug);
}

/** A short URL name as typed: folded (full-width letters, upper case) and trimmed; check it with isValidSlug. */
export function normalizeSlug(input: string): string {
  return foldText(input).trim();
}
