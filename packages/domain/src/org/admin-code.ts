import type { OrgKind } from './org-kind.ts';
import { normalizeTyped } from '../text/normalize.ts';

/**
 * The 12-digit statistical division code (统计用区划代码): 6 digits of county-level district,
 * 3 of street, 3 of community. A district's code ends in 000000, a street's in 000.
 */
export const ADMIN_CODE_PATTERN = /^\d{12}$/;

/** A code as typed or imported, in its plain form: full-width digits folded, spaces dropped (check it with checkAdminCode). */
export function normalizeAdminCode(input: string): string {
  return normalizeTyped(input).replace(/\s+/g, '');
}

export type AdminCodeProblem = 'shape' | 'level';

export function checkAdminCode(code: string, kind: OrgKind): AdminCodeProblem | null {
  if (!ADMIN_CODE_PATTERN.test(code)) return 'shape';
  const street = code.slice(6, 9);
  const community = code.slice(9, 12);
  switch (kind) {
    case 'district':
      return street === '000' && community === '000' ? null : 'level';
    case 'street':
      return street !== '000' && community === '000' ? null : 'level';
    case 'community':
      return street !== '000' && community !== '000' ? null : 'level';
    case 'department':
      return null;
  }
}

/** Whether `child` lies inside `parent` by code (a community inside its street, a street inside its district). */
export function codeIsWithin(child: string, parent: string): boolean {
  const significant = parent.replace(/0{3}$/, '').replace(/0{3}$/, '');
  return child !== parent && child.startsWith(significant);
}
