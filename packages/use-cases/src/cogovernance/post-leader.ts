import { and, eq } from 'drizzle-orm';
import { residents, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { isPartyMember } from '../party/is-party-member.ts';

// A service post's leader (issue 16's party section, decision 048): shared by createServicePost and
// setServicePostLeader; not a use case itself.

/**
 * The check on a post's leader (issue 16's party section: service posts can require a party-member leader): an
 * active person of the community's register, and when the post requires it, a current party member of the
 * community's party organisation (isPartyMember). Output: the leader's id, or null (no leader, none required).
 * Refuses, beside leaderResidentId: partner.leader.required (required and none chosen), partner.leader.notEligible
 * (not an active person of this community), partner.leader.notPartyMember.
 */
export async function checkPostLeader(tx: Tx, caller: StaffCaller, tenantId: string, leader: { leaderResidentId?: string | null; requiresPartyLeader?: boolean }) {
  const field = 'leaderResidentId';
  if (!leader.leaderResidentId) {
    if (leader.requiresPartyLeader) throw new UseCaseError('partner.leader.required', { field });
    return null;
  }
  const [person] = await tx.select({ status: residents.status }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, leader.leaderResidentId)));
  if (!person || person.status !== 'active') throw new UseCaseError('partner.leader.notEligible', { field });
  if (leader.requiresPartyLeader && !(await isPartyMember(tx, caller, { residentId: leader.leaderResidentId }))) throw new UseCaseError('partner.leader.notPartyMember', { field });
  return leader.leaderResidentId;
}

