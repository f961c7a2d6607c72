import type { Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { type Community, scopeCommunities } from './scope-communities.ts';

export type { Community } from './scope-communities.ts';

/**
 * The communities a street or district had at a moment (input `scope`, from dashboardScope, and `at`): those under it
 * now, adjusted by the moves made since, so a community that moved streets counts for the street it belonged to then.
 * The scope is the permission: only dashboardScope makes one.
 */
export function communitiesOf(tx: Tx, _caller: Caller, input: { scope: { kind: 'district' | 'street'; unitId: string }; at: Date }): Promise<Community[]> {
  return scopeCommunities(tx, input.scope, input.at);
}
