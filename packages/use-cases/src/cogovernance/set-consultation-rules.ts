import { checkRatio, type ConsultationRules } from '@shequ/domain';
import { cogovernanceSettings, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type ConsultationRulesFields, consultationRulesSchema } from './consultation.schema.ts';
import { communityOf } from './shared.ts';

/**
 * Sets the community's consultation rules. Quorum and threshold vary by place (POLICY.md: configuration, never
 * constants): quorum = at least num/den of 应到 attending (common: 2/3), threshold = more than num/den of those
 * present voting for (common: 1/2, or of all representatives where a place says so), notice days of 决议公开.
 * Input: quorumNum/quorumDen, thresholdNum/thresholdDen (0 < num ≤ den), noticeDays (1–60). Output: the rules.
 * Refuses: consultation.rules.invalid; forbidden (the community admin's setting).
 */
export async function setConsultationRules(tx: Tx, caller: StaffCaller, input: ConsultationRulesFields) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'manage', subject('Consultation', { tenantId }));
  const p = parseInput(consultationRulesSchema, input);
  const rules: ConsultationRules = { quorum: { num: p.quorumNum, den: p.quorumDen }, threshold: { num: p.thresholdNum, den: p.thresholdDen }, noticeDays: p.noticeDays };
  if (!checkRatio(rules.quorum)) throw new UseCaseError('consultation.rules.invalid', { field: 'quorumNum' });
  if (!checkRatio(rules.threshold)) throw new UseCaseError('consultation.rules.invalid', { field: 'thresholdNum' });
  const values = { tenantId, ...p, updatedAt: new Date() };
  await tx.insert(cogovernanceSettings).values(values).onConflictDoUpdate({ target: [cogovernanceSettings.tenantId], set: values });
  return rules;
}
