import { pinyin } from 'pinyin-pro';
import { checkAdminCode, normalizeAdminCode } from './admin-code.ts';
import { normalizeTyped } from '../text/normalize.ts';
import { normalizeMobile } from '../identity/contact.ts';
import { isValidSlug, normalizeSlug, RESERVED_SLUGS } from './slug.ts';
import { cleanText } from '../cases/intake.ts';

/** The largest bulk-onboarding file taken (2 MB: the web server's bound for the imports page adds the form's overhead). */
export const ONBOARDING_FILE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Bulk onboarding files: one community per row. Headers are matched by their Chinese names (or the English keys);
 * 短网址名称 is optional (suggested from the name's pinyin when absent).
 */
export const ONBOARDING_COLUMNS = [
  { key: 'district', header: '区', required: true },
  { key: 'street', header: '街道', required: true },
  { key: 'community', header: '社区', required: true },
  { key: 'adminCode', header: '行政区划代码', required: true },
  { key: 'adminName', header: '管理员姓名', required: true },
  { key: 'adminMobile', header: '管理员手机号', required: true },
  { key: 'slug', header: '短网址名称', required: false },
] as const;
export type OnboardingColumn = (typeof ONBOARDING_COLUMNS)[number]['key'];
export type OnboardingRecord = Record<OnboardingColumn, string>;

export const MAX_ONBOARDING_ROWS = 2000;

/** Which column each header cell names (null for columns we do not read). Tolerates spaces and a trailing （选填）. */
export function mapOnboardingHeaders(headers: string[]): (OnboardingColumn | null)[] {
  return headers.map((raw) => {
    const h = normalizeTyped(raw).replace(/\s+/g, '').replace(/[（(].*[）)]$/, '');
    return ONBOARDING_COLUMNS.find((c) => c.header === h || c.key.toLowerCase() === h.toLowerCase())?.key ?? null;
  });
}

/** The required columns a header row lacks. */
export function missingOnboardingColumns(mapped: (OnboardingColumn | null)[]): string[] {
  return ONBOARDING_COLUMNS.filter((c) => c.required && !mapped.includes(c.key)).map((c) => c.header);
}

/**
 * Whether a cell holds a number as Excel shows it in scientific notation (5.20115E+11, 1.39E+10): a CSV saved
 * from Excel keeps only what the cell showed, so the digits beyond the first few are gone for good.
 */
export function isScientificNotation(cell: string): boolean {
  return /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(normalizeTyped(cell).trim());
}

/**
 * What is wrong with a row on its own (no lookups): reasons are message keys under `bulkImport.reasons`.
 * Returns the cleaned values alongside.
 */
export function checkOnboardingRecord(raw: OnboardingRecord): { value: OnboardingRecord; reasons: string[] } {
  const reasons: string[] = [];
  // Imported cells are typed text like any other: full-width digits and letters fold to their plain forms (NFKC).
  const text = (s: string) => cleanText(normalizeTyped(s ?? ''));
  const value: OnboardingRecord = {
    district: text(raw.district),
    street: text(raw.street),
    community: text(raw.community),
    adminCode: normalizeAdminCode(raw.adminCode ?? ''),
    adminName: text(raw.adminName),
    adminMobile: normalizeTyped(raw.adminMobile ?? '').trim(),
    slug: normalizeSlug(raw.slug ?? ''),
  };
  if (!value.district) reasons.push('districtMissing');
  if (!value.street) reasons.push('streetMissing');
  if (!value.community || Array.from(value.community).length > 40) reasons.push('communityInvalid');
  if (!value.adminCode) reasons.push('codeMissing');
  else if (isScientificNotation(value.adminCode)) reasons.push('codeScientific');
  else if (checkAdminCode(value.adminCode, 'community')) reasons.push('codeInvalid');
  if (!value.adminName || Array.from(value.adminName).length > 40) reasons.push('adminNameInvalid');
  const mobile = normalizeMobile(value.adminMobile);
  if (!mobile) reasons.push(isScientificNotation(value.adminMobile) ? 'mobileScientific' : value.adminMobile ? 'mobileInvalid' : 'mobileMissing');
  else value.adminMobile = mobile;
  if (value.slug && !isValidSlug(value.slug)) reasons.push('slugInvalid');
  return { value, reasons };
}

/**
 * A short URL name from a community's name: its pinyin without the 社区/居委会 suffix (金元社区 → jinyuan), or null
 * when nothing usable remains. Callers make it unique.
 */
export function suggestSlug(name: string): string | null {
  const core = name.replace(/(社区居民委员会|居民委员会|社区居委会|居委会|社区)$/, '') || name;
  const letters = pinyin(core, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 32);
  return letters.length >= 3 && !RESERVED_SLUGS.has(letters) ? letters : null;
}
