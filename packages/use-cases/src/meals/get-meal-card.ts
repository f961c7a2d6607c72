import type { Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { loadResident } from '../residents/person.ts';
import { assertMealStaff, isResidentCaller, isFamilyOf, type MealCaller, mealCardCode, mealCommunity, mealPerson } from './station.ts';

/**
 * A person's meal card: the code the counter scans (shown as a QR code on their page, or printed by staff for an
 * elder without a phone), with their masked name. The resident themselves, their family, or staff who may see them.
 * Input: `{ residentId, cipher }`. Output: `{ residentId, nameHint, code }`.
 * Refuses: resident.notFound; meal.booking.notFamily; forbidden.
 */
export async function getMealCard(tx: Tx, caller: MealCaller, input: { residentId: string; cipher: PersonalDataCipher }) {
  const tenantId = mealCommunity(caller);
  if (isResidentCaller(caller)) {
    if (caller.resident.residentId !== input.residentId && !(await isFamilyOf(tx, tenantId, caller.resident.residentId, input.residentId))) throw new UseCaseError('meal.booking.notFamily');
  } else {
    const staff = assertMealStaff(caller, 'create');
    await loadResident(tx, staff.ability, tenantId, input.residentId, 'read');
  }
  const person = await mealPerson(tx, tenantId, input.residentId);
  return { residentId: person.id, nameHint: person.nameHint, code: mealCardCode(input.cipher, tenantId, person.id) };
}
