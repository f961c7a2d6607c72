import { type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { getDecision } from './get-decision.ts';
import { communityOf } from './shared.ts';
import { committeeChoices } from './committee-choices.ts';

/**
 * A decision's staff page: the whole line (getDecision: wishes → meeting → decision → action items → result →
 * satisfaction) and the owners an action item may be given (partner units, staff, departments).
 * Input: `decisionId`, `now`. Refuses: consultation.notFound; forbidden.
 */
export async function getDecisionDesk(tx: Tx, caller: StaffCaller, input: { decisionId: string; now?: Date }) {
  const line = await getDecision(tx, caller, input);
  return { ...line, ...(await committeeChoices(tx, communityOf(caller))) };
}
