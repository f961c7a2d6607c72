import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { partnerUnits, partyMembers, partyOrgs, residents, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { partyCommunity } from '../party/party-access.ts';
import { type SetPartyMemberUnitFields, setPartyMemberUnitSchema } from './partners.schema.ts';
import { communityOf, residentSubject } from '../residents/person.ts';

/**
 * Whether the caller sees (`read`) or keeps (`update`) the party organisation's people (the same as partyCommunity:
 * those who see the whole register, decision 034). Pages ask before reading a unit's party members, so others see
 * only the count.
 */
export function maySeeParty(caller: StaffCaller, action: 'read' | 'update' = 'read'): boolean {
  const tenantId = caller.actor.workspace.tenantId;
  return Boolean(tenantId) && caller.ability.can(action, residentSubject(communityOf(caller), null));
}

/**
 * A partner unit's party members who reported to the community (issue 18: "the unit's party members who reported to
 * the community", beyond the count the unit gives; decision 057): current members of the community's party
 * organisation, kind 在职党员报到, linked to the unit. Masked names only (the register's hint), their organisation,
 * the day they reported. Caller: who sees the party organisation (partyCommunity 'read'; grid workers and officers
 * do not, forbidden). Output: rows by unit then name hint.
 */
export async function listUnitPartyMembers(tx: Tx, caller: StaffCaller) {
  const tenantId = partyCommunity(caller, 'read');
  return tx
    .select({ memberId: partyMembers.id, partnerUnitId: partyMembers.partnerUnitId, nameHint: residents.nameHint, orgName: partyOrgs.name, reportedOn: partyMembers.reportedOn })
    .from(partyMembers)
    .innerJoin(residents, and(eq(residents.tenantId, partyMembers.tenantId), eq(residents.id, partyMembers.residentId)))
    .innerJoin(partyOrgs, and(eq(partyOrgs.tenantId, partyMembers.tenantId), eq(partyOrgs.id, partyMembers.orgId)))
    .where(and(eq(partyMembers.tenantId, tenantId), isNull(partyMembers.leftAt), eq(residents.status, 'active'), isNotNull(partyMembers.partnerUnitId)))
    .orderBy(asc(partyMembers.partnerUnitId), asc(residents.nameHint)) as Promise<{ memberId: string; partnerUnitId: string; nameHint: string; orgName: string; reportedOn: string | null }[]>;
}

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
