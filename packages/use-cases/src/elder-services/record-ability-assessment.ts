import { abilityAssessments, type Tx } from '@shequ/db';
import { chinaDate } from '@shequ/domain';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import type { z } from '../zod.ts';
import { recordAbilityAssessmentSchema } from './elder-services.schema.ts';
import { assertServiceStaff, serviceCommunity } from './shared.ts';

/**
 * Records an ability assessment on file for a person of the register: the date, the level the assessor gave on the
 * five levels of GB/T 42195-2022《老年人能力评估规范》 (0 能力完好 … 4 能力完全丧失; the standard's scoring is the
 * assessor's, POLICY.md) and who assessed. Some services need one no older than their `assessment_days`.
 * Input: `{ residentId, assessedOn, level, assessor, now? }`. Output: `{ id }`.
 * Refuses: resident.notFound; service.assessment.future { today } (dated after today); forbidden.
 */
export async function recordAbilityAssessment(tx: Tx, caller: StaffCaller, input: z.input<typeof recordAbilityAssessmentSchema> & { now?: Date }) {
  assertServiceStaff(caller, 'update');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(recordAbilityAssessmentSchema, input);
  const today = chinaDate(input.now ?? new Date());
  // The bound is named in the refusal (today), as every range a use case refuses.
  if (p.assessedOn > today) throw new UseCaseError('service.assessment.future', { field: 'assessedOn', today });
  await loadResident(tx, caller.ability, tenantId, p.residentId, 'read');
  const [row] = await tx.insert(abilityAssessments).values({ tenantId, residentId: p.residentId, assessedOn: p.assessedOn, level: p.level, assessor: p.assessor, recordedBy: caller.actor.userId }).returning({ id: abilityAssessments.id });
  return { id: row!.id };
}
