import { and, asc, eq, isNull } from 'drizzle-orm';
import { buildings, partyMembers, partyOrgs, residents, type Tx } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from '../residents/person.ts';

export type PartyMemberChoice = {
  memberId: string;
  residentId: string;
  nameHint: string;
  /** What tells two members with the same masked name apart (郭** and 郭**), for those who may read the whole register: the masked mobile and the building; null for others. */
  mobileHint: string | null;
  building: string | null;
  orgId: string;
  orgName: string;
  kind: 'local' | 'reporting';
  workUnit: string | null;
  reportedOn: string | null;
  duty: string | null;
};

/**
 * The community's current party members (active people of the register), with their organisation: for pickers (a
 * team leader who must be a party member) and the party page. Masked names only. Any community staff may list them
 * (a picker needs no more than the register's hints); `orgId` narrows to one organisation. Two members with the
 * same masked name could not be told apart in a picker (issue 17: 郭** twice as a team's leader), so for a caller who
 * may read the whole register (the office) each carries the hints the register shows them: the masked mobile
 * (138****1234) and the building; for others (a grid worker, a team leader) those are null.
 * Transaction: tenant scope. Output: PartyMemberChoice[], by organisation then name hint.
 */
export async function listPartyMembers(tx: Tx, caller: StaffCaller, input: { orgId?: string } = {}): Promise<PartyMemberChoice[]> {
  const tenantId = communityOf(caller);
  const wholeRegister = caller.ability.can('read', subject('Resident', { tenantId, gridWorkerId: null }));
  const rows = await tx
    .select({
      memberId: partyMembers.id,
      residentId: partyMembers.residentId,
      nameHint: residents.nameHint,
      mobileHint: residents.mobileHint,
      building: buildings.name,
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
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .where(and(eq(partyMembers.tenantId, tenantId), isNull(partyMembers.leftAt), eq(residents.status, 'active'), input.orgId ? eq(partyMembers.orgId, input.orgId) : undefined))
    .orderBy(asc(partyOrgs.sortOrder), asc(partyOrgs.name), asc(residents.nameHint));
  return rows.map((r) => (wholeRegister ? r : { ...r, mobileHint: null, building: null }));
}
