import { and, eq, isNull } from 'drizzle-orm';
import { careRecipients, partyMembers, residents, type Tx, volunteers } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { loadResident } from '../residents/person.ts';
import { careCommunityOf } from './care-core.ts';
import { type PairCareVolunteerFields, pairCareVolunteerSchema } from './schemas.ts';

/**
 * Pairs a recipient with a volunteer or party member of the register (结对帮扶), or ends the pairing (null): the
 * person who visits alongside the responsible grid worker (issue 20). The one paired must be an active person of the
 * community who is an active volunteer (volunteers.active) or a current party member (party_members, not left) — as
 * the form's hint and message say.
 *
 * Input: `{ residentId, volunteerId | null }`. Output: `{ residentId, volunteerId }`.
 * Refuses: care.notFound (not on the roster, or not the caller's to see); care.volunteer.invalid (not an active
 * person of the community, neither an active volunteer nor a current party member, or the recipient themselves);
 * forbidden (manage CareRoster).
 */
export async function pairCareVolunteer(tx: Tx, caller: StaffCaller, input: PairCareVolunteerFields) {
  const tenantId = careCommunityOf(caller);
  assertCan(caller.ability, 'manage', subject('CareRoster', { tenantId }));
  const parsed = parseInput(pairCareVolunteerSchema, input);
  const { row } = await loadResident(tx, caller.ability, tenantId, parsed.residentId);
  const volunteerId = parsed.volunteerId ?? null;
  if (volunteerId) {
    const [v] = await tx.select({ id: residents.id, status: residents.status }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, volunteerId)));
    if (!v || v.status !== 'active' || v.id === row.id) throw new UseCaseError('care.volunteer.invalid', { field: 'volunteerId' });
    const [volunteer] = await tx.select({ id: volunteers.residentId }).from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, volunteerId), eq(volunteers.active, true)));
    const [member] = volunteer
      ? [volunteer]
      : await tx.select({ id: partyMembers.residentId }).from(partyMembers).where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.residentId, volunteerId), isNull(partyMembers.leftAt)));
    if (!member) throw new UseCaseError('care.volunteer.invalid', { field: 'volunteerId' });
  }
  const [updated] = await tx
    .update(careRecipients)
    .set({ volunteerId })
    .where(and(eq(careRecipients.tenantId, tenantId), eq(careRecipients.residentId, row.id)))
    .returning({ residentId: careRecipients.residentId });
  if (!updated) throw new UseCaseError('care.notFound');
  return { residentId: row.id, volunteerId };
}
