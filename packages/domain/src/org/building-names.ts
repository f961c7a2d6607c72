import { cleanText } from '../cases/intake.ts';
import { normalizeTyped } from '../text/normalize.ts';

/** At most this many buildings are added in one step (a large community has a few hundred). */
export const MAX_BUILDINGS_AT_ONCE = 200;
export const BUILDING_NAME_MAX = 40;

export type BuildingNamesProblem = 'empty' | 'tooMany' | 'tooLong';

// "1-12栋", "1–12栋", "1栋-12栋", "1至12号楼", "A1~A5": a prefix, a first number (with the suffix repeated or not),
// a dash, tilde, 至 or 到, and a last number with the suffix.
const RANGE = /^(\D*?)(\d{1,4})(\D*?)\s*[-‐‑–—~～至到]\s*\1?(\d{1,4})(\D*)$/u;

/**
 * The building names an admin typed in one go: a list (separated by commas, 、, semicolons, spaces or new lines) of
 * names and ranges; a range "1-12栋" (or 1–12栋, 1栋-12栋, 1至12栋) stands for 1栋, 2栋, … 12栋, its suffix taken
 * from the end (or from the first number when only that has one). A "range" that counts down (3-1栋) is a name.
 * Names are in their plain form (NFKC: １栋 is 1栋), cleaned, without repeats, in the order given.
 * Refuses an empty list, more than MAX_BUILDINGS_AT_ONCE names, and a name longer than BUILDING_NAME_MAX.
 */
export function expandBuildingNames(input: string): { names: string[] } | { problem: BuildingNamesProblem } {
  const pieces = normalizeTyped(input)
    .replace(/\s*([-‐‑–—~～至到])\s*/gu, '$1') // "1 - 12栋" is one range, not three names
    .split(/[,，、;；\s]+/u).map((p) => cleanText(p)).filter(Boolean);
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const piece of pieces) {
    const m = RANGE.exec(piece);
    const from = m ? Number(m[2]) : 0;
    const to = m ? Number(m[4]) : 0;
    if (m && from <= to) {
      if (to - from + 1 > MAX_BUILDINGS_AT_ONCE) return { problem: 'tooMany' };
      const suffix = m[5] || m[3] || '';
      for (let n = from; n <= to; n++) add(`${m[1]}${n}${suffix}`);
    } else add(piece);
    if (names.length > MAX_BUILDINGS_AT_ONCE) return { problem: 'tooMany' };
  }
  if (!names.length) return { problem: 'empty' };
  if (names.some((n) => Array.from(n).length > BUILDING_NAME_MAX)) return { problem: 'tooLong' };
  return { names };
}
