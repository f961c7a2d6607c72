import { scoreWeights, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Sets a district's weights (district officers and operators): input `districtId` and the weights `response`,
 * `resolution`, `satisfaction` in whole percentages that add up to 100. Output: the percentages. Refuses:
 * ForbiddenError unless the caller manages the district's time limits; dashboard.weights.invalid.
 */
export async function saveScoreWeights(tx: Tx, { ability }: StaffCaller, input: { districtId: string; response: number; resolution: number; satisfaction: number }) {
  const { districtId, ...percent } = input;
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId: districtId }));
  const values = [percent.response, percent.resolution, percent.satisfaction];
  if (!values.every((v) => Number.isInteger(v) && v >= 0 && v <= 100) || values.reduce((a, b) => a + b, 0) !== 100) throw new UseCaseError('dashboard.weights.invalid', { field: 'response' });
  await tx
    .insert(scoreWeights)
    .values({ districtId, ...percent })
    .onConflictDoUpdate({ target: scoreWeights.districtId, set: { ...percent, updatedAt: new Date() } });
  return percent;
}
