import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { partyMembers, partyOrgs, residents, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { partyCommunity } from '../party/party-access.ts';
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
