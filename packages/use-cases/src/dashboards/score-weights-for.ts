import type { ScoreWeights } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { districtScoreWeights } from './district-score-weights.ts';

/**
 * The composite score's weights for the district's time-limit page: input `unitId`, a district (or a unit in one).
 * Output: the weights as fractions; the defaults when the district set none.
 */
export function scoreWeightsFor(tx: Tx, _caller: Caller, input: { unitId: string }): Promise<ScoreWeights> {
  return districtScoreWeights(tx, input.unitId);
}
