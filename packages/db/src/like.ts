import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** A LIKE/ILIKE pattern matching `text` anywhere, with %, _ and backslash taken literally (input is not a pattern). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A stored text in the form the domain's foldText gives typed text: lower(normalize(x, NFKC)). The two are the same
 * normaliser on either side of the comparison (a test checks they agree on full-width, compatibility and mixed-case
 * text). Trigram indexes over searched text are built on this expression, so a search through it uses them.
 */
export function foldedText(column: SQLWrapper): SQL {
  return sql`lower(normalize(${column}, NFKC))`;
}

/**
 * Whether a stored text contains every one of `terms` (already folded by the domain's searchTerms), in any order;
 * undefined when there are no terms. One LIKE per word on the folded text, each answered by its trigram index.
 */
export function containsAllTerms(column: SQLWrapper, terms: readonly string[]): SQL | undefined {
  if (!terms.length) return undefined;
  return and(...terms.map((term) => sql`${foldedText(column)} like ${containsPattern(term)}`));
}
