/**
 * What people type, read as they meant it. Chinese keyboards (and phones switching between 全角 and 半角) produce
 * full-width digits and letters (６栋, ＷＩＦＩ, １３８…), ideographic spaces and compatibility forms that look the
 * same as their plain twins but compare unequal. Unicode NFKC folds each of them into its plain form (６→6, Ｗ→W,
 * U+3000 → space, ㈠ → (一)) and leaves Chinese characters alone.
 *
 * This is the one normaliser: every place where something people type is compared with something stored (search,
 * identifiers, codes, phone numbers, imported cells) goes through it. Where the comparison happens in SQL, the
 * database applies the same two steps to the stored text (`foldedText` in @shequ/db: lower(normalize(x, NFKC))), and
 * a test checks that both give the same result.
 */

/** NFKC: full-width and compatibility forms become their plain twins; nothing else changes. */
export function normalizeTyped(input: string): string {
  return input.normalize('NFKC');
}

/**
 * The form in which two texts are compared regardless of width and case: NFKC, then lower case
 * (`ＷＩＦＩ`, `WiFi`, `wifi` → `wifi`). Chinese text is unchanged apart from its full-width digits and letters.
 */
export function foldText(input: string): string {
  return input.normalize('NFKC').toLowerCase();
}

/** At most this many words in one search, each at most SEARCH_TERM_MAX characters (longer words are cut). */
export const SEARCH_TERMS_MAX = 8;
export const SEARCH_TERM_MAX = 50;

/**
 * The words of a search query: folded (foldText), split on any white space (a full-width space included, as NFKC makes
 * it a plain one), without repeats. A text matches the query when it contains every word, in any order
 * (`漏水 天花板` matches "5栋厨房漏水，楼下天花板湿了"). Empty when the query has no words.
 */
export function searchTerms(query: string): string[] {
  // eslint-disable-next-line no-control-regex
  const words = foldText(query).replace(/[\u0000-\u001f\u007f]/g, ' ').split(/\s+/u).filter(Boolean);
  const unique: string[] = [];
  for (const w of words) {
    const word = Array.from(w).slice(0, SEARCH_TERM_MAX).join('');
    if (!unique.includes(word)) unique.push(word);
    if (unique.length === SEARCH_TERMS_MAX) break;
  }
  return unique;
}

/** Whether `text` contains every word of `query` (searchTerms), compared in folded form. The pure twin of the SQL search. */
export function matchesSearch(text: string, query: string): boolean {
  const folded = foldText(text);
  return searchTerms(query).every((term) => folded.includes(term));
}
