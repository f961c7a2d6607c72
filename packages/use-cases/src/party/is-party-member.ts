import { and, eq, isNull } from 'drizzle-orm';
import { partyMembers, residents, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from '../residents/person.ts';

/**
 * Whether a person of the caller's community is a current party member there (for features that require a party
 * member, e.g. a volunteer team's or a service post's leader). Any community staff may ask; the answer is about the
 * caller's own community only (another community's person answers false).
 * Input: `{ residentId }`. Transaction: tenant scope. Output: boolean (false for a moved-out or merged person).
 */
export async function isPartyMember(tx: Tx, caller: StaffCaller, input: { residentId: string }): Promise<boolean> {
  const tenantId = communityOf(caller);
  const [row] = await tx
    .select({ id: partyMembers.id })
    .from(partyMembers)
    .innerJoin(residents, and(eq(residents.tenantId, partyMembers.tenantId), eq(residents.id, partyMembers.residentId)))
    .where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.residentId, input.residentId), isNull(partyMembers.leftAt), eq(residents.status, 'active')))
    .limit(1);
  return Boolean(row);
}
