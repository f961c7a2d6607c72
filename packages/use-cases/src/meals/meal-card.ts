import { isUuid } from '@shequ/db';
import type { PersonalDataCipher } from '../security/personal-data.ts';

// Meal cards (decision 038): a code per person, shown as a QR code on their page or printed, scanned at the counter
// and at class sign-in. Pure functions of the community's keyed hash.

/**
 * A person's meal card code (shown as a QR code on their page or printed for those without a phone): their id and
 * a keyed tag, so a code cannot be made up for someone else. `MC1.<residentId>.<tag>`.
 */
export function mealCardCode(cipher: PersonalDataCipher, tenantId: string, residentId: string): string {
  return `MC1.${residentId}.${cipher.blindIndex('meal_card', `${tenantId}:${residentId}`, 8)}`;
}

/** The person a scanned meal card code names, or null for a code that is not this community's. */
export function residentOfMealCard(cipher: PersonalDataCipher, tenantId: string, code: string): string | null {
  const m = /^MC1\.([0-9a-f-]{36})\.([0-9a-f]{16})$/.exec(code.trim());
  if (!m || !isUuid(m[1]!)) return null;
  return mealCardCode(cipher, tenantId, m[1]!) === code.trim() ? m[1]! : null;
}
