import { and, eq } from 'drizzle-orm';
import { careRecipients, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { careCommunityOf, careRuleVersions, openPeriodWindows, periodsNotOver } from './care-core.ts';
import { type OverrideCareTierFields, overrideCareTierSchema } from './schemas.ts';

/**
 * Staff set a person's tier by hand (or clear it, back to the tier the rules compute), only with a reason, which is
 * kept with the override and in the audit log. A person matching no rule can be put on the roster this way. Set to
 * high risk while a weather or festival period runs, they get its window at once (openPeriodWindows).
 *
 * Input: `{ residentId, tier: 'high'|'priority'|'regular'|null, reason }`, `now`. Output: `{ residentId, tier }`.
 * Refuses: care.reason.required (setting a tier without a reason); care.notFound (not a person the caller sees);
 * forbidden (manage CareRoster: office and 社工).
 */
export async function overrideCareTier(tx: Tx, caller: StaffCaller, input: OverrideCareTierFields & { now?: Date }) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(overrideCareTierSchema, input);
  const now = input.now ?? new Date();
  const reason = parsed.reason?.trim() || null;
  if (parsed.tier && !reason) throw new UseCaseError('care.reason.required', { field: 'reason' });
  const { row } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
  const values = parsed.tier
    ? { overrideTier: parsed.tier, overrideReason: reason, overrideBy: caller.actor.userId, overrideAt: now, active: true, updatedAt: now }
    : { overrideTier: null, overrideReason: null, overrideBy: null, overrideAt: null, updatedAt: now };
  await tx
    .insert(careRecipients)
    .values({ tenantId, residentId: row.id, ...values })
    .onConflictDoUpdate({ target: [careRecipients.tenantId, careRecipients.residentId], set: values });
  if (!parsed.tier) {
    const [r] = await tx.select().from(careRecipients).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, row.id)));
    if (r && !r.computedTier) await tx.update(careRecipients).set({ active: false }).where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, row.id)));
  }
  // Set to high risk while a weather or festival period runs: its visit is owed from now, not from the next sweep.
  if (parsed.tier === 'high') {
    const periods = await periodsNotOver(tx, tenantId, now);
    if (periods.length) await openPeriodWindows(tx, tenantId, row.id, periods, await careRuleVersions(tx, tenantId), now);
  }
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'care_tier_overridden', subjectType: 'Resident', subjectId: row.id, detail: { tier: parsed.tier ?? null, reason } });
  return { residentId: row.id, tier: parsed.tier ?? null };
}
