import { eq } from 'drizzle-orm';
import { DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from '@shequ/domain';
import { orgUnits, scoreWeights, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

/** The composite score's weights for a district (or the unit's district), as fractions; the defaults when unset. */
export async function scoreWeightsFor(tx: Tx, unitId: string): Promise<ScoreWeights> {
  const [unit] = await tx.select({ kind: orgUnits.kind, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, unitId));
  const districtId = unit?.kind === 'district' ? unitId : unit?.districtId;
  if (!districtId) return DEFAULT_SCORE_WEIGHTS;
  const [row] = await tx.select().from(scoreWeights).where(eq(scoreWeights.districtId, districtId));
  return row ? { response: row.response / 100, resolution: row.resolution / 100, satisfaction: row.satisfaction / 100 } : DEFAULT_SCORE_WEIGHTS;
}

/** Sets a district's weights, in whole percentages that add up to 100 (district officers and operators). */
export async function saveScoreWeights(tx: Tx, ability: AppAbility, districtId: string, percent: { response: number; resolution: number; satisfaction: number }) {
  assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId: districtId }));
  const values = [percent.response, percent.resolution, percent.satisfaction];
  if (!values.every((v) => Number.isInteger(v) && v >= 0 && v <= 100) || values.reduce((a, b) => a + b, 0) !== 100) throw new UseCaseError('dashboard.weights.invalid', { field: 'response' });
  await tx
    .insert(scoreWeights)
    .values({ districtId, ...percent })
    .onConflictDoUpdate({ target: scoreWeights.districtId, set: { ...percent, updatedAt: new Date() } });
  return percent;
}
