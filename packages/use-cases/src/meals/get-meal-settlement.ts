import { type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { mealMonthSchema } from './meals.schema.ts';
import { assertMealStaff, mealCommunity } from './station.ts';
import { servedMeals } from './served-meals.ts';

/**
 * The month's settlement: meals served, full price, subsidy and what people paid (fen), by subsidy category and by
 * person (masked names). Only served meals count (picked up at the counter or delivered), as the claim does.
 * Input: `{ month: 'YYYY-MM' }`. Output: `{ month, meals, priceCents, subsidyCents, paidCents, byCategory[], byPerson[] }`.
 * Refuses: forbidden (not the station's staff).
 */
export async function getMealSettlement(tx: Tx, caller: StaffCaller, input: z.input<typeof mealMonthSchema>) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  const p = parseInput(mealMonthSchema, input);
  const rows = await servedMeals(tx, tenantId, p.month);
  const byCategory = new Map<string, { category: string | null; meals: number; subsidyCents: number; people: Set<string> }>();
  const byPerson = new Map<string, { residentId: string; nameHint: string; category: string | null; meals: number; subsidyCents: number; paidCents: number }>();
  for (const r of rows) {
    const c = byCategory.get(r.category ?? '') ?? { category: r.category, meals: 0, subsidyCents: 0, people: new Set<string>() };
    c.meals += 1;
    c.subsidyCents += r.subsidyCents;
    c.people.add(r.residentId);
    byCategory.set(r.category ?? '', c);
    const person = byPerson.get(r.residentId) ?? { residentId: r.residentId, nameHint: r.nameHint, category: r.category, meals: 0, subsidyCents: 0, paidCents: 0 };
    person.meals += 1;
    person.subsidyCents += r.subsidyCents;
    person.paidCents += r.priceCents - r.subsidyCents;
    if (r.category) person.category = r.category;
    byPerson.set(r.residentId, person);
  }
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    month: p.month,
    meals: rows.length,
    priceCents: sum((r) => r.priceCents),
    subsidyCents: sum((r) => r.subsidyCents),
    paidCents: sum((r) => r.priceCents - r.subsidyCents),
    byCategory: [...byCategory.values()].map((c) => ({ category: c.category, meals: c.meals, people: c.people.size, subsidyCents: c.subsidyCents })).sort((a, b) => b.subsidyCents - a.subsidyCents),
    byPerson: [...byPerson.values()].sort((a, b) => b.subsidyCents - a.subsidyCents || b.meals - a.meals),
  };
}
