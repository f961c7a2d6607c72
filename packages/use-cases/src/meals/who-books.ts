import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_DISH_TAGS, DEFAULT_MEAL_DIETS, isCalendarDay, type MealBooker } from '@shequ/domain';
import { mealDishes, type Tx } from '@shequ/db';
import { UseCaseError } from '../errors.ts';
import { loadResident } from '../residents/person.ts';
import { assertMealStaff, isFamilyOf, isResidentCaller, type MealCaller, mealCommunity, mealPerson } from './station.ts';

/**
 * Who books for whom (shared by quoteMeal and bookMeal): the resident for themselves ('self'); a family member for a
 * parent, linked in the register as household or family contact ('family'); staff or a grid worker for someone they
 * may see in the register ('staff': a grid worker only the people of their own grids). Not a use case.
 */
export async function bookingParty(tx: Tx, caller: MealCaller, residentId: string, day: string) {
  const tenantId = mealCommunity(caller);
  if (!isCalendarDay(day)) throw new UseCaseError('meal.menu.day.invalid', { field: 'day' });
  let bookedBy: MealBooker;
  let bookedByUserId: string | null = null;
  let bookedByResidentId: string | null = null;
  if (isResidentCaller(caller)) {
    const self = caller.resident.residentId;
    if (self === residentId) bookedBy = 'self';
    else if (await isFamilyOf(tx, tenantId, self, residentId)) bookedBy = 'family';
    else throw new UseCaseError('meal.booking.notFamily');
    bookedByResidentId = self;
  } else {
    const staff = assertMealStaff(caller, 'create');
    await loadResident(tx, staff.ability, tenantId, residentId, 'read');
    bookedBy = 'staff';
    bookedByUserId = staff.actor.userId;
  }
  const person = await mealPerson(tx, tenantId, residentId);
  return { tenantId, person, bookedBy, bookedByUserId, bookedByResidentId };
}

/**
 * The diets a booker is offered (staff on the bookings page and residents on 我的 alike): the defaults (软食, 低盐,
 * 低糖, 清真) and the community's own diet tags on its dishes (not the course tags 荤, 素, 汤, 主食). checkDiet accepts
 * each of them. Not a use case.
 */
export async function mealDiets(tx: Tx, tenantId: string): Promise<string[]> {
  const courses = (DEFAULT_DISH_TAGS as readonly string[]).filter((tag) => !(DEFAULT_MEAL_DIETS as readonly string[]).includes(tag));
  const rows = await tx.select({ tags: mealDishes.tags }).from(mealDishes).where(and(eq(mealDishes.tenantId, tenantId), eq(mealDishes.active, true)));
  return [...new Set([...DEFAULT_MEAL_DIETS, ...rows.flatMap((r) => r.tags).filter((tag) => !courses.includes(tag))])];
}

/**
 * The diets a booking may ask for, each of them: the defaults and every tag of the community's dishes (so a
 * community that adds 糖尿病 to its dishes offers it). Several at once (低盐 and 糖尿病), each once, in the order given.
 * Refuses: meal.booking.diet.invalid { diet } (one the station does not offer, field 'diets').
 */
export async function checkDiets(tx: Tx, tenantId: string, diets: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(diets.map((d) => d.trim()).filter(Boolean))];
  for (const diet of wanted) {
    if ((DEFAULT_MEAL_DIETS as readonly string[]).includes(diet)) continue;
    const [found] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(mealDishes)
      .where(and(eq(mealDishes.tenantId, tenantId), sql`${diet} = any(${mealDishes.tags})`));
    if (!found?.n) throw new UseCaseError('meal.booking.diet.invalid', { field: 'diets', diet });
  }
  return wanted;
}
