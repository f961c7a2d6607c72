import { eq, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import { normalizeTrackingCode, searchTerms } from '@shequ/domain';
import { containsAllTerms } from '@shequ/db';

/**
 * What a search box asks for, in SQL: every word of the query (searchTerms: folded with the domain's normaliser, any
 * order) in the folded text, or, when the query reads as a tracking code (with or without its dash, any case,
 * full-width too), the case with that code. Undefined for an empty query.
 */
export function textSearch(text: SQLWrapper, trackingCode: SQLWrapper, q: string | null | undefined): SQL | undefined {
  if (!q) return undefined;
  const words = containsAllTerms(text, searchTerms(q));
  const code = normalizeTrackingCode(q);
  return code ? or(eq(trackingCode, code), words) : words;
}
