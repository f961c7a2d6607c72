import type { ResidentCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { type MealResidentCaller } from './station.ts';

/**
 * The meal-help caller of a resident signed in to "我的": the register person their number is linked to.
 * Refuses: meal.notResident (a sign-up staff have not confirmed yet: no register person to book for).
 */
export function mealResidentOf(caller: ResidentCaller): MealResidentCaller {
  const { tenantId, residentId } = caller.resident;
  if (!residentId) throw new UseCaseError('meal.notResident');
  return { actor: null, ability: caller.ability, resident: { tenantId, residentId } };
}
