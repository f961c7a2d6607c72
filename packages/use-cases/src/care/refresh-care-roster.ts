import type { Tx } from '@shequ/db';
import { anonymousCaller } from '../caller.ts';
import { syncCareRoster } from './sync-care-roster.ts';

// A helper of the use cases that change people, tiers or rules (not a use case: the root does not export it).
/**
 * The care roster follows a change at once (registering, importing, a walk-up at a volunteer shift; a person's tags,
 * birth, building, moving out or merging; their building moved to another grid; a tag back on the community's list; a
 * tier set by hand; a rule version from today — decisions 070 and 073): the people named (all when `residentIds` is absent) get their tier, their place
 * on the roster and the routine window of their tier's current period now, not at the next sweep a quarter of an hour
 * later (the roster showed a tier change only after about 10 minutes, found from outside; decision 070). Run inside
 * the transaction of the change, as the system (the sweep's own rules, whoever made the change); `byUserId`, who made
 * it, is named on a hand-over the change causes (a person or a building moved to another grid).
 */
export function refreshCareRoster(tx: Tx, tenantId: string, now: Date, residentIds?: readonly string[], byUserId: string | null = null) {
  return syncCareRoster(tx, anonymousCaller(), { tenantId, now, residentIds, byUserId });
}
