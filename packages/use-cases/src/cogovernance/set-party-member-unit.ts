import { and, eq, isNull } from 'drizzle-orm';
import { partnerUnits, partyMembers, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { partyCommunity } from '../party/party-access.ts';
import { type SetPartyMemberUnitFields, setPartyMemberUnitSchema } from './partners.schema.ts';

/**
 * Links a reporting party member (在职党员报到) to the partner unit they work at, or unlinks them (`partnerUnitId`
 * empty). Linking also writes the unit's name as their work unit, so the party page says the same. Caller: who keeps
 * the party organisation (partyCommunity 'update'). Audited (`party_member_unit_set`). Output: `{ memberId, partnerUnitId }`.
 * Refuses: party.member.notFound (not a current member here); party.member.notReporting (a local member has no work
 * unit to link), beside `memberId`; partner.notFound (no such unit here), beside `partnerUnitId`; forbidden.
 */
export async function setPartyMemberUnit(tx: Tx, caller: StaffCaller, input: SetPartyMemberUnitFields) {
  const tenantId = partyCommunity(caller, 'update');
  const p = parseInput(setPartyMemberUnitSchema, input);
  const [member] = await tx.select().from(partyMembers).where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.id, p.memberId), isNull(partyMembers.leftAt))).for('update');
  if (!member) throw new UseCaseError('party.member.notFound', { field: 'memberId' });
  if (member.kind !== 'reporting') throw new UseCaseError('party.member.notReporting', { field: 'memberId' });
  let workUnit = member.workUnit;
  if (p.partnerUnitId) {
    const [unit] = await tx.select({ name: partnerUnits.name }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, tenantId), eq(partnerUnits.id, p.partnerUnitId)));
    if (!unit) throw new UseCaseError('partner.notFound', { field: 'partnerUnitId' });
    workUnit = unit.name.slice(0, 60);
  }
  await tx.update(partyMembers).set({ partnerUnitId: p.partnerUnitId, workUnit }).where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.id, member.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'party_member_unit_set', subjectType: 'Resident', subjectId: member.residentId, detail: { partnerUnitId: p.partnerUnitId } });
  return { memberId: member.id, partnerUnitId: p.partnerUnitId };
}
