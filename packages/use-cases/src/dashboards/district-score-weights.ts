import { eq } from 'drizzle-orm';
import { DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from '@shequ/domain';
import { orgUnits, scoreWeights, type Tx } from '@shequ/db';

/**
 * The composite score's weights for a district (or the unit's district), as fractions; the defaults when unset. A
 * building block of the dashboards and of scoreWeightsFor (not exported from the package root).
 */
export async function districtScoreWeights(tx: Tx, unitId: string): Promise<ScoreWeights> {
  const [unit] = await tx.select({ kind: orgUnits.kind, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, unitId));
  const districtId = unit?.kind === 'district' ? unitId : unit?.districtId;
  if (!districtId) return DEFAULT_SCORE_WEIGHTS;
  const [row] = await tx.select().from(scoreWeights).where(eq(scoreWeights.districtId, districtId));
  return row ? { response: row.response / 100, resolution: row.resolution / 100, satisfaction: row.satisfaction / 100 } : DEFAULT_SCORE_WEIGHTS;
}
