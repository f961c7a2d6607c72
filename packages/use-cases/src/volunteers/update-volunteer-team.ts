import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerTeams } from '@shequ/db';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, loadTeam, requirePartyMemberLeader } from './shared.ts';
import { type UpdateVolunteerTeamFields, updateVolunteerTeamSchema } from './volunteer-pages.schema.ts';

/**
 * Changes a team's focus, deputy and recruiting (issue 17: teams have a deputy and recruit or not; residents apply
 * from 我的 only to a recruiting team, applyToTeam). By whoever runs the team: its leader's account (her own team
 * only) or the office. The leader and the name are the office's (createVolunteerTeam), not changed here.
 * Input: teamId, focus (≤ 200), deputyResidentId (an active person of the register, or empty for none; not the
 * leader), recruiting. Output: `{ id }`; audited (volunteer_team_updated, with what changed).
 * Refuses: volunteer.team.notFound (another community's team, or one the caller does not run);
 * volunteer.leader.notEligible beside deputyResidentId (not an active person of the register);
 * volunteer.team.deputyIsLeader beside it (the leader named as her own deputy).
 */
export async function updateVolunteerTeam(tx: Tx, caller: StaffCaller, input: UpdateVolunteerTeamFields) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(updateVolunteerTeamSchema, input);
  const team = await loadTeam(tx, tenantId, parsed.teamId);
  assertRunsTeam(caller.ability, team);
  const deputy = parsed.deputyResidentId ?? null;
  if (deputy) {
    if (deputy === team.leaderResidentId) throw volunteerRefusal('volunteer.team.deputyIsLeader', { field: 'deputyResidentId' });
    await requirePartyMemberLeader(tx, tenantId, deputy, 'deputyResidentId', false);
  }
  const next = { focus: parsed.focus || null, deputyResidentId: deputy, recruiting: parsed.recruiting };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== team[k]);
  if (!changed.length) return { id: team.id };
  await tx.update(volunteerTeams).set(next).where(and(eq(volunteerTeams.tenantId, tenantId), eq(volunteerTeams.id, team.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_team_updated', subjectType: 'VolunteerTeam', subjectId: team.id, detail: { changed, recruiting: next.recruiting } });
  return { id: team.id };
}
