import { and, eq } from 'drizzle-orm';
import { memberships, type Tx, volunteerTeams } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, requirePartyMemberLeader } from './shared.ts';
import { type CreateVolunteerTeamFields, createVolunteerTeamSchema } from './volunteers.schema.ts';

/**
 * Creates a volunteer service team of the caller's community (the office: community admin or staff).
 *
 * Input: name (≤ 30), focus, `leaderResidentId` and optional `deputyResidentId` (active people of the register; the
 * leader a current party member of the community, `requirePartyMemberLeader`), optional
 * `leaderUserId` (a volunteer_leader account of the community that runs the team in the console), `recruiting`.
 * Output: `{ id }`; audited (volunteer_team_created).
 * Refuses: volunteer.leader.notEligible (leader or deputy not an active person of the register),
 * volunteer.leader.notPartyMember (the leader is not a party member of the community), volunteer.team.deputyIsLeader
 * (the leader named as deputy too), volunteer.invalid
 * (leaderUserId not a volunteer leader of this community), volunteer.team.nameTaken; forbidden (no 'create' on teams).
 */
export async function createVolunteerTeam(tx: Tx, caller: StaffCaller, input: CreateVolunteerTeamFields) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'create', subject('VolunteerTeam', { tenantId, leaderId: null }));
  const parsed = parseInput(createVolunteerTeamSchema, input);
  await requirePartyMemberLeader(tx, tenantId, parsed.leaderResidentId, 'leaderResidentId');
  if (parsed.deputyResidentId === parsed.leaderResidentId) throw volunteerRefusal('volunteer.team.deputyIsLeader', { field: 'deputyResidentId' });
  if (parsed.deputyResidentId) await requirePartyMemberLeader(tx, tenantId, parsed.deputyResidentId, 'deputyResidentId', false);
  if (parsed.leaderUserId) {
    const [m] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.orgUnitId, tenantId), eq(memberships.userId, parsed.leaderUserId), eq(memberships.role, 'volunteer_leader')));
    if (!m) throw volunteerRefusal('volunteer.invalid', { field: 'leaderUserId' });
  }
  const [taken] = await tx.select({ id: volunteerTeams.id }).from(volunteerTeams).where(and(eq(volunteerTeams.tenantId, tenantId), eq(volunteerTeams.name, parsed.name)));
  if (taken) throw volunteerRefusal('volunteer.team.nameTaken', { field: 'name' });
  const [row] = await tx
    .insert(volunteerTeams)
    .values({
      tenantId,
      name: parsed.name,
      focus: parsed.focus || null,
      leaderResidentId: parsed.leaderResidentId,
      deputyResidentId: parsed.deputyResidentId ?? null,
      leaderUserId: parsed.leaderUserId ?? null,
      recruiting: parsed.recruiting,
      createdBy: caller.actor.userId,
    })
    .returning({ id: volunteerTeams.id });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_team_created', subjectType: 'VolunteerTeam', subjectId: row!.id });
  return { id: row!.id };
}
