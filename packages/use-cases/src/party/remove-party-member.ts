import { and, eq, isNull } from 'drizzle-orm';
import { partyMembers, type Tx } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../residents/person.ts';
import { removePartyMemberSchema } from './party.schema.ts';
import { partyCommunity } from './party-access.ts';

/**
 * A member leaves the community's party organisation (moved, transferred): kept for history with `left_at`.
 * Input: `{ memberId }`. Caller: staff who edit the register. Output: `{ id }`. Audited.
 * Refusals: party.member.notFound (not a current member of this community); forbidden.
 */
export async function removePartyMember(tx: Tx, caller: StaffCaller, input: { memberId: string }, now = new Date()) {
  const tenantId = partyCommunity(caller, 'update');
  const v = parseInput(removePartyMemberSchema, input);
  const [row] = await tx
    .update(partyMembers)
    .set({ leftAt: now })
    .where(and(eq(partyMembers.tenantId, tenantId), eq(partyMembers.id, v.memberId), isNull(partyMembers.leftAt)))
    .returning({ id: partyMembers.id, residentId: partyMembers.residentId });
  if (!row) throw new UseCaseError('party.member.notFound');
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'party_member_left', subjectType: 'Resident', subjectId: row.residentId });
  return { id: row.id };
}
