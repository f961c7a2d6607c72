import { normalizeTyped } from '../text/normalize.ts';

/**
 * Resident identity numbers (居民身份证号码), GB 11643-1999《公民身份号码》: 6 digits of address code, 8 of birth
 * date (YYYYMMDD), 3 of sequence (odd for men, even for women) and a check character computed by ISO 7064 MOD 11-2
 * (weights 2^(17-i) mod 11; remainder 0…10 → 1 0 X 9 8 7 6 5 4 3 2). Only the 18-character form is accepted
 * (15-digit numbers were replaced from 2004 on; none is still valid for registration).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdCardFacts = { number: string; birth: string; gender: 'male' | 'female' };

/** The check character GB 11643 gives the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * A typed ID number (full-width characters, spaces and a lower-case x tolerated) checked and read: its birth date
 * (YYYY-MM-DD) and gender. Null when it is not a valid 18-character number (shape, real date, check character).
 */
export function parseIdCard(input: string, today?: string): IdCardFacts | null {
  const number = normalizeTyped(input).replace(/\s/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return null;
  if (idCardCheckChar(number.slice(0, 17)) !== number[17]) return null;
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const birth = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (today && birth > today) return null;
  return { number, birth, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female' };
}

/** 110101199003074514 → 1101**********4514: the region and the last four, as Chinese forms mask it. */
export function maskIdCard(number: string): string {
  return number.length < 8 ? '*'.repeat(number.length) : `${number.slice(0, 4)}${'*'.repeat(number.length - 8)}${number.slice(-4)}`;
}
