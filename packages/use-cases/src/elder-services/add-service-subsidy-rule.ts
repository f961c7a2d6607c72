import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { elderServiceSubsidyRules, type Tx } from '@shequ/db';
import { addDays, chinaDate, chinaInstant } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { addServiceSubsidyRuleSchema } from './elder-services.schema.ts';
import { assertServiceStaff, repriceLiveServiceBookings, serviceCommunity } from './shared.ts';

/**
 * Adds a row of the services' subsidy rule table, versioned as meal help's (decision 038): a rule of the same name in
 * force on its first day ends the day before (a new version). Who it covers (a register tag, a minimum age, or both),
 * which kind of service (empty: all), yuan per service and per month. Amounts are the community's configuration
 * (民发〔2023〕58号 leaves them to each place; POLICY.md).
 * As meal help's (addSubsidyRule), a rule starts today or later (China date): a service done had its subsidy fixed
 * when done, so a backdated start would seem to apply to it and would not (issue 19's trial).
 * A version set before a later one of its name ends where that one begins (versions never overlap), and every
 * booking not yet done from its first day is priced again (repriceLiveServiceBookings).
 * Input: addServiceSubsidyRuleSchema and `now?`. Output: `{ id, ended, repriced }`.
 * Refuses: service.rule.who (nobody covered); service.rule.past { today } (field effectiveFrom); service.rule.sameDay
 * { name, day } (a version of that name starts that day already); forbidden.
 */
export async function addServiceSubsidyRule(tx: Tx, caller: StaffCaller, input: z.input<typeof addServiceSubsidyRuleSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'manage');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(addServiceSubsidyRuleSchema, input);
  const today = chinaDate(input.now ?? new Date());
  if (p.effectiveFrom < today) throw new UseCaseError('service.rule.past', { field: 'effectiveFrom', today });
  if (!p.tagId && p.minAge === null) throw new UseCaseError('service.rule.who', { field: 'minAge' });
  // One version of a name per day: a second one starting the same day would run beside the first (issue 19's trial).
  const [sameDay] = await tx
    .select({ id: elderServiceSubsidyRules.id })
    .from(elderServiceSubsidyRules)
    .where(and(eq(elderServiceSubsidyRules.tenantId, tenantId), eq(elderServiceSubsidyRules.name, p.name), eq(elderServiceSubsidyRules.effectiveFrom, p.effectiveFrom)));
  if (sameDay) throw new UseCaseError('service.rule.sameDay', { field: 'effectiveFrom', name: p.name, day: p.effectiveFrom });
  const ended = await tx
    .update(elderServiceSubsidyRules)
    .set({ effectiveTo: p.effectiveFrom })
    .where(
      and(
        eq(elderServiceSubsidyRules.tenantId, tenantId),
        eq(elderServiceSubsidyRules.name, p.name),
        lte(elderServiceSubsidyRules.effectiveFrom, addDays(p.effectiveFrom, -1)),
        or(isNull(elderServiceSubsidyRules.effectiveTo), sql`${elderServiceSubsidyRules.effectiveTo} > ${p.effectiveFrom}`),
      ),
    )
    .returning({ id: elderServiceSubsidyRules.id });
  // A later version of the name already set (from a date after this one): this version ends where that one begins,
  // so two versions never cover one day.
  const [later] = await tx
    .select({ from: sql<string>`min(${elderServiceSubsidyRules.effectiveFrom})::text` })
    .from(elderServiceSubsidyRules)
    .where(and(eq(elderServiceSubsidyRules.tenantId, tenantId), eq(elderServiceSubsidyRules.name, p.name), gt(elderServiceSubsidyRules.effectiveFrom, p.effectiveFrom)));
  const [row] = await tx
    .insert(elderServiceSubsidyRules)
    .values({ tenantId, name: p.name, serviceKind: p.serviceKind ?? null, tagId: p.tagId ?? null, minAge: p.minAge, perUseCents: p.perUse, monthlyCapCents: p.monthlyCap, priority: p.priority, effectiveFrom: p.effectiveFrom, effectiveTo: later?.from ?? null })
    .returning({ id: elderServiceSubsidyRules.id });
  // Bookings of services from its first day are priced again (as meal help's rules reprice booked meals).
  const repriced = await repriceLiveServiceBookings(tx, tenantId, chinaInstant(p.effectiveFrom, '00:00'), {}, input.now ?? new Date());
  return { id: row!.id, ended: ended.length, repriced };
}
