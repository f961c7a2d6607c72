import type { Tx } from '@shequ/db';
import type { ResidentCaller } from '../caller.ts';
import { otherCommunitiesOf, type OtherCommunity } from './resident-session.ts';

/**
 * The other communities whose register knows the signed-in resident's number (the chooser after sign-in): ids,
 * names and slugs only. Caller: the resident. Transaction: the community's tenant scope.
 */
export async function listResidentCommunityChoices(tx: Tx, caller: ResidentCaller, _input: Record<string, never> = {}): Promise<OtherCommunity[]> {
  return otherCommunitiesOf(tx, caller.resident.tenantId, caller.resident.mobileIndex);
}
