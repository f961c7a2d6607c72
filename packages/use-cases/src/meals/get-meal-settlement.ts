import { type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { mealMonthSchema } from './meals.schema.ts';
import { assertMealStaff, mealCommunity } from './station.ts';
import { servedMeals } from './served-meals.ts';

/**
 * The month's settlement: meals served, full price, subsidy and what people paid (fen), by subsidy category and by
 * person (masked names). Only served meals count (picked up at the counter or delivered), as the claim does.
 * With `names` (and the cipher), whoever may see personal data (`reveal PersonalData`) gets each person's full name
 * too, as the claim file for 民政 carries them: staff see whom they settle for. That view is written to the audit log
 * (`reveal_settlement_names`, decision 009), in the same transaction.
 * Input: `{ month: 'YYYY-MM', names?, cipher? }`. Output: `{ month, meals, priceCents, subsidyCents, paidCents,
 * byCategory[], byPerson[] (name: null unless revealed) }`.
 * Refuses: forbidden (not the station's staff; names without reveal PersonalData).
 */
export async function getMealSettlement(tx: Tx, caller: StaffCaller, input: z.input<typeof mealMonthSchema> & { names?: boolean; cipher?: PersonalDataCipher }) {
  assertMealStaff(caller, 'update');
  const tenantId = mealCommunity(caller);
  const p = parseInput(mealMonthSchema, input);
  const rows = await servedMeals(tx, tenantId, p.month);
  const cipher = input.names ? input.cipher : undefined;
  if (input.names) assertCan(caller.ability, 'reveal', subject('PersonalData', { tenantId }));
  const byCategory = new Map<string, { category: string | null; meals: number; subsidyCents: number; people: Set<string> }>();
  const byPerson = new Map<string, { residentId: string; nameHint: string; name: string | null; category: string | null; meals: number; subsidyCents: number; paidCents: number }>();
  for (const r of rows) {
    const c = byCategory.get(r.category ?? '') ?? { category: r.category, meals: 0, subsidyCents: 0, people: new Set<string>() };
    c.meals += 1;
    c.subsidyCents += r.subsidyCents;
    c.people.add(r.residentId);
    byCategory.set(r.category ?? '', c);
    const person = byPerson.get(r.residentId) ?? { residentId: r.residentId, nameHint: r.nameHint, name: cipher ? openOr(cipher, r.nameEnc, null) : null, category: r.category, meals: 0, subsidyCents: 0, paidCents: 0 };
    person.meals += 1;
    person.subsidyCents += r.subsidyCents;
    person.paidCents += r.priceCents - r.subsidyCents;
    if (r.category) person.category = r.category;
    byPerson.set(r.residentId, person);
  }
  if (cipher) await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'reveal_settlement_names', subjectType: 'MealService', subjectId: null, detail: { month: p.month, people: byPerson.size } });
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
