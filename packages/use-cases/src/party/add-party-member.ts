import { and, eq, isNull } from 'drizzle-orm';
import { partyMembers, partyOrgs, residents, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../residents/person.ts';
import { addPartyMemberSchema, type AddPartyMemberInput } from './party.schema.ts';
import { partyCommunity } from './party-access.ts';

/**
 * A person of the register joins one of the community's party organisations. `kind` 'reporting' is 在职党员报到 (a
 * member working elsewhere who reports to the community where they live): the unit they work at is required, the
 * day they reported optional (null: not yet reported). Input: addPartyMemberSchema. Caller: staff who edit the
 * register. Transaction: tenant scope. Output: `{ id }`. Audited.
 * Refusals: resident.notFound (not an active person of the community); party.org.notFound;
 * party.member.workUnit; party.member.already (already a current member somewhere here); forbidden.
 */
export async function addPartyMember(tx: Tx, caller: StaffCaller, input: AddPartyMemberInput) {
  const tenantId = partyCommunity(caller, 'update');
  const v = parseInput(addPartyMemberSchema, input);
  const [person] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, v.residentId), eq(residents.status, 'active')));
  if (!person) throw new UseCaseError('resident.notFound');
  const [org] = await tx.select({ id: partyOrgs.id }).from(partyOrgs).where(and(eq(partyOrgs.tenantId, tenantId), eq(partyOrgs.id, v.orgId), isNull(partyOrgs.retiredAt)));
  if (!org) throw new UseCaseError('party.org.notFound');
  if (v.kind === 'reporting' && !v.workUnit) throw new UseCaseError('party.member.workUnit', { field: 'workUnit' });
  const [already] = await tx.select({ id: partyMembers.id }).from(partyMembers).where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.residentId, person.id), isNull(partyMembers.leftAt)));
  if (already) throw new UseCaseError('party.member.already');
  const [row] = await tx
    .insert(partyMembers)
    .values({ tenantId, residentId: person.id, orgId: org.id, kind: v.kind, workUnit: v.workUnit ?? null, reportedOn: v.reportedOn ?? null, duty: v.duty ?? null, createdBy: caller.actor.userId })
    .returning({ id: partyMembers.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'party_member_added', subjectType: 'Resident', subjectId: person.id, detail: { orgId: org.id, kind: v.kind } });
  return { id: row!.id };
}
