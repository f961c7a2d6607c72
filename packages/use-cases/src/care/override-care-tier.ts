import { careRecipients, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { careCommunityOf, effectiveTier, recipientRow, releaseHigherTierWindows, tierRank as rank } from './care-core.ts';
import { refreshCareRoster } from './refresh-care-roster.ts';
import { type OverrideCareTierFields, overrideCareTierSchema } from './schemas.ts';

/**
 * Staff set a person's tier by hand (or clear it, back to the tier the rules compute), only with a reason, which is
 * kept with the override and in the audit log. A person matching no rule can be put on the roster this way. The
 * roster follows at once (refreshCareRoster): the new tier's routine window for the current period, and set to high
 * risk while a weather or festival period runs, its window; cleared with no tier from the rules, they leave it.
 *
 * Input: `{ residentId, tier: 'high'|'priority'|'regular'|null, reason }`, `now`. Output: `{ residentId, tier }`.
 * Any change of tier says why, back to the rules too (decision 078). After a downgrade (high → priority, a tier
 * cleared …) the windows only the higher tier owed and not yet over — its routine window of the current period, a
 * weather or festival period's window of a person no longer high risk — are closed as no longer owed: their timers
 * cancelled, the windows removed, and the audit event keeps each one's span and why (`noLongerOwed`). Past overdue
 * windows stay: they were owed when they ran.
 * Refuses: care.reason.required (any change without a reason); care.reason.tooLong (over 200 characters); care.notFound (not a person the caller sees);
 * forbidden (manage CareRoster: office and 社工).
 */
export async function overrideCareTier(tx: Tx, caller: StaffCaller, input: OverrideCareTierFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(overrideCareTierSchema, input);
  const now = input.now ?? new Date();
  const reason = parsed.reason.trim();
  if (!reason) throw new UseCaseError('care.reason.required', { field: 'reason' });
  const { row } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
  const before = await recipientRow(tx, tenantId, row.id, true);
  const tierBefore = before?.active ? effectiveTier(before) : null;
  const values = parsed.tier
    ? { overrideTier: parsed.tier, overrideReason: reason, overrideBy: caller.actor.userId, overrideAt: now, active: true, updatedAt: now }
    : { overrideTier: null, overrideReason: null, overrideBy: null, overrideAt: null, updatedAt: now };
  await tx
    .insert(careRecipients)
    .values({ tenantId, residentId: row.id, ...values })
    .onConflictDoUpdate({ target: [careRecipients.tenantId, careRecipients.residentId], set: values });
  // The roster follows at once (decision 070): the tier the rules give, whether they stay on it, the routine window
  // of their tier's current period (a weekly one for high risk, not the quarter's until the next sweep) and, set to
  // high risk while a weather or festival period runs, its window.
  await refreshCareRoster(tx, tenantId, now, [row.id], caller.actor.userId);
  const after = await recipientRow(tx, tenantId, row.id);
  const tierAfter = after?.active ? effectiveTier(after) : null;
  const released = tierBefore && rank(tierAfter) < rank(tierBefore) ? await releaseHigherTierWindows(tx, tenantId, row.id, tierBefore, tierAfter, now) : [];
  await recordAuditEvent(tx, {
    tenantId,
    actorUserId: caller.actor.userId,
    action: 'care_tier_overridden',
    subjectType: 'Resident',
    subjectId: row.id,
    detail: { tier: parsed.tier ?? null, reason, from: tierBefore, to: tierAfter, ...(released.length ? { noLongerOwed: released } : {}) },
  });
  return { residentId: row.id, tier: parsed.tier ?? null };
}

