import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { elderServiceSubsidyRules, type Tx } from '@shequ/db';
import { addDays, chinaDate } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { addServiceSubsidyRuleSchema } from './elder-services.schema.ts';
import { assertServiceStaff, serviceCommunity } from './shared.ts';

/**
 * Adds a row of the services' subsidy rule table, versioned as meal help's (decision 038): a rule of the same name in
 * force on its first day ends the day before (a new version). Who it covers (a register tag, a minimum age, or both),
 * which kind of service (empty: all), yuan per service and per month. Amounts are the community's configuration
 * (民发〔2023〕58号 leaves them to each place; POLICY.md).
 * As meal help's (addSubsidyRule), a rule starts today or later (China date): a service done had its subsidy fixed
 * when done, so a backdated start would seem to apply to it and would not (issue 19's trial).
 * Input: addServiceSubsidyRuleSchema and `now?`. Output: `{ id, ended }`.
 * Refuses: service.rule.who (nobody covered); service.rule.past { today } (field effectiveFrom); forbidden.
 */
export async function addServiceSubsidyRule(tx: Tx, caller: StaffCaller, input: z.input<typeof addServiceSubsidyRuleSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'manage');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(addServiceSubsidyRuleSchema, input);
  const today = chinaDate(input.now ?? new Date());
  if (p.effectiveFrom < today) throw new UseCaseError('service.rule.past', { field: 'effectiveFrom', today });
  if (!p.tagId && p.minAge === null) throw new UseCaseError('service.rule.who', { field: 'minAge' });
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
  const [row] = await tx
    .insert(elderServiceSubsidyRules)
    .values({ tenantId, name: p.name, serviceKind: p.serviceKind ?? null, tagId: p.tagId ?? null, minAge: p.minAge, perUseCents: p.perUse, monthlyCapCents: p.monthlyCap, priority: p.priority, effectiveFrom: p.effectiveFrom })
    .returning({ id: elderServiceSubsidyRules.id });
  return { id: row!.id, ended: ended.length };
}
