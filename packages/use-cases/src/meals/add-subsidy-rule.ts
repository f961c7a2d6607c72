import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { chinaDate, isCalendarDay } from '@shequ/domain';
import { mealSubsidyRules, residentTags, type Tx } from '@shequ/db';
import type { z } from '../zod.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { addSubsidyRuleSchema } from './meals.schema.ts';
import { assertMealStaff, mealCommunity, repriceLiveBookings } from './station.ts';

/**
 * Adds a row to the subsidy rule table, in force from `effectiveFrom`. Who it covers: a register tag (低保, 特困,
 * 失能/半失能 …), a minimum age (80: 高龄), or both. The amount per served meal and the monthly cap per person are
 * yuan in, fen stored; `priority` decides which rule applies when several cover a person (the higher; on a tie the
 * larger amount): subsidies do not add up. With `replaces` (the default), a rule of the same name in force on
 * that day ends the day before: a new version, so meals before the change keep the old amount.
 *
 * A rule starts today or later (China date), never in the past: the meals of past days were served (their subsidy
 * fixed when served, and perhaps already claimed from 民政) or missed, so a backdated start would claim to price them
 * and would not (issue 19's trial: the table listed such a rule as if it applied). From its first day it prices
 * every booking not yet served (repriceLiveBookings), so a booked meal shows one price: the rule in force that day.
 *
 * Source: 民政部等11部门《积极发展老年助餐服务行动方案》(民发〔2023〕58号, 2023-10) names the priority groups; the
 * amounts are local (a fixed amount per meal, more for special diets) and so configured, never coded (POLICY.md).
 * Input: addSubsidyRuleSchema and `now?`. Output: `{ id, ended, repriced }` (earlier versions ended, bookings priced
 * again). A version set before a later one of its name ends where that one begins (versions never overlap).
 * Refuses: meal.rule.who (neither tag nor age, field 'tagId'); meal.rule.invalid (unknown tag or bad date);
 * meal.rule.sameDay { name, day } (a version of that name starts that day already);
 * meal.rule.past { today } (a start before today, field 'effectiveFrom');
 * forbidden (only the community admin: manage).
 */
export async function addSubsidyRule(tx: Tx, caller: StaffCaller, input: z.input<typeof addSubsidyRuleSchema> & { now?: Date }) {
  assertMealStaff(caller, 'manage');
  const tenantId = mealCommunity(caller);
  const p = parseInput(addSubsidyRuleSchema, input);
  const now = input.now ?? new Date();
  if (!isCalendarDay(p.effectiveFrom)) throw new UseCaseError('meal.rule.invalid', { field: 'effectiveFrom' });
  const today = chinaDate(now);
  if (p.effectiveFrom < today) throw new UseCaseError('meal.rule.past', { field: 'effectiveFrom', today });
  const tagId = p.tagId ?? null;
  if (!tagId && p.minAge === null) throw new UseCaseError('meal.rule.who', { field: 'tagId' });
  if (tagId) {
    const [tag] = await tx.select({ id: residentTags.id }).from(residentTags).where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.id, tagId)));
    if (!tag) throw new UseCaseError('meal.rule.invalid', { field: 'tagId' });
  }
  let ended = 0;
  if (p.replaces) {
    const current = await tx
      .select({ id: mealSubsidyRules.id, effectiveFrom: mealSubsidyRules.effectiveFrom })
      .from(mealSubsidyRules)
      .where(
        and(
          eq(mealSubsidyRules.tenantId, tenantId),
          eq(mealSubsidyRules.name, p.name),
          lte(mealSubsidyRules.effectiveFrom, p.effectiveFrom),
          or(isNull(mealSubsidyRules.effectiveTo), gt(mealSubsidyRules.effectiveTo, p.effectiveFrom)),
        ),
      );
    for (const r of current) {
      if (r.effectiveFrom === p.effectiveFrom) throw new UseCaseError('meal.rule.sameDay', { field: 'effectiveFrom', name: p.name, day: p.effectiveFrom });
      await tx.update(mealSubsidyRules).set({ effectiveTo: p.effectiveFrom }).where(and(eq(mealSubsidyRules.tenantId, tenantId), eq(mealSubsidyRules.id, r.id)));
      ended += 1;
    }
  }
  // A later version of the name already set (from a date after this one): this version ends where that one begins,
  // so two versions never cover one day (issue 19's trial listed two over the same days).
  const [later] = p.replaces
    ? await tx
        .select({ from: sql<string | null>`min(${mealSubsidyRules.effectiveFrom})::text` })
        .from(mealSubsidyRules)
        .where(and(eq(mealSubsidyRules.tenantId, tenantId), eq(mealSubsidyRules.name, p.name), gt(mealSubsidyRules.effectiveFrom, p.effectiveFrom)))
    : [];
  const [row] = await tx
    .insert(mealSubsidyRules)
    .values({
      tenantId,
      name: p.name,
      tagId,
      minAge: p.minAge,
      perMealCents: p.perMeal,
      monthlyCapCents: p.monthlyCap,
      priority: p.priority,
      effectiveFrom: p.effectiveFrom,
      effectiveTo: later?.from ?? null,
      createdBy: caller.actor.userId,
    })
    .returning({ id: mealSubsidyRules.id });
  const repriced = await repriceLiveBookings(tx, tenantId, p.effectiveFrom, {}, now);
  return { id: row!.id, ended, repriced };
}
