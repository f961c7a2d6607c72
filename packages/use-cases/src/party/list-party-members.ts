import { and, asc, eq, isNull } from 'drizzle-orm';
import { partyMembers, partyOrgs, residents, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from '../residents/person.ts';

export type PartyMemberChoice = { memberId: string; residentId: string; nameHint: string; orgId: string; orgName: string; kind: 'local' | 'reporting'; workUnit: string | null; reportedOn: string | null; duty: string | null };

/**
 * The community's current party members (active people of the register), with their organisation: for pickers (a
 * team leader who must be a party member) and the party page. Masked names only. Any community staff may list them
 * (a picker needs no more than the register's hints); `orgId` narrows to one organisation.
 * Transaction: tenant scope. Output: PartyMemberChoice[], by organisation then name hint.
 */
export async function listPartyMembers(tx: Tx, caller: StaffCaller, input: { orgId?: string } = {}): Promise<PartyMemberChoice[]> {
  const tenantId = communityOf(caller);
  return tx
    .select({
      memberId: partyMembers.id,
      residentId: partyMembers.residentId,
      nameHint: residents.nameHint,
      orgId: partyOrgs.id,
      orgName: partyOrgs.name,
      kind: partyMembers.kind,
      workUnit: partyMembers.workUnit,
      reportedOn: partyMembers.reportedOn,
      duty: partyMembers.duty,
    })
    .from(partyMembers)
    .innerJoin(residents, and(eq(residents.tenantId, partyMembers.tenantId), eq(residents.id, partyMembers.residentId)))
    .innerJoin(partyOrgs, and(eq(partyOrgs.tenantId, partyMembers.tenantId), eq(partyOrgs.id, partyMembers.orgId)))
    .where(and(eq(partyMembers.tenantId, tenantId), isNull(partyMembers.leftAt), eq(residents.status, 'active'), input.orgId ? eq(partyMembers.orgId, input.orgId) : undefined))
    .orderBy(asc(partyOrgs.sortOrder), asc(partyOrgs.name), asc(residents.nameHint));
}
