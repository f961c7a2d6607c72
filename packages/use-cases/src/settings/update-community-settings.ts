import { communitySettings, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';

/**
 * Saves the community's settings: input `tenantId`, `unratedCloseDays` (a whole number of days, 1–60). Refuses:
 * ForbiddenError unless the caller manages the community's settings; settings.unratedCloseDays.invalid.
 */
export async function updateCommunitySettings(tx: Tx, { ability }: StaffCaller, input: { tenantId: string; unratedCloseDays: number }) {
  const { tenantId, unratedCloseDays } = input;
  assertCan(ability, 'manage', subject('Settings', { tenantId }));
  if (!Number.isInteger(unratedCloseDays) || unratedCloseDays < 1 || unratedCloseDays > 60) {
    throw new UseCaseError('settings.unratedCloseDays.invalid', { field: 'unratedCloseDays' });
  }
  await tx.insert(communitySettings).values({ tenantId, unratedCloseDays }).onConflictDoUpdate({ target: communitySettings.tenantId, set: { unratedCloseDays } });
}
