import { ruleLastDay } from '@shequ/domain';
import { and, asc, desc, eq } from 'drizzle-orm';
import { mealDishes, mealSittings, mealSubsidyRules, residentTags, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { assertMealStaff, mealCommunity } from './station.ts';
import { mealDiets } from './who-books.ts';

/**
 * The station's configuration as its pages show it: sittings (capacity, price in fen, cut-off, serving hours, menu
 * rule), the dish library, the subsidy rule table (every version, newest first, with the tag's name) and the
 * register's tags to choose from, and the diets a booking may ask for (mealDiets). Input: `{}`. Refuses: forbidden (no read of meal help).
 */
export async function getMealStation(tx: Tx, caller: StaffCaller, _input: Record<string, never> = {}) {
  assertMealStaff(caller, 'read');
  const tenantId = mealCommunity(caller);
  const order = ['breakfast', 'lunch', 'dinner'];
  const sittings = (await tx.select().from(mealSittings).where(eq(mealSittings.tenantId, tenantId))).sort((a, b) => order.indexOf(a.meal) - order.indexOf(b.meal));
  const dishes = await tx.select().from(mealDishes).where(and(eq(mealDishes.tenantId, tenantId), eq(mealDishes.active, true))).orderBy(asc(mealDishes.name));
  const tags = await tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags).where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.active, true))).orderBy(asc(residentTags.sortOrder));
  const rules = await tx.select().from(mealSubsidyRules).where(eq(mealSubsidyRules.tenantId, tenantId)).orderBy(desc(mealSubsidyRules.effectiveFrom), asc(mealSubsidyRules.name));
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  return {
    sittings,
    dishes,
    tags,
    diets: await mealDiets(tx, tenantId),
    rules: rules.map((r) => ({ ...r, lastDay: ruleLastDay(r.effectiveTo), tagName: r.tagId ? (tagName.get(r.tagId) ?? null) : null })),
  };
}
