import { and, eq } from 'drizzle-orm';
import { type Tx, volunteerTeamMembers } from '@shequ/db';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, communityOf, isSelf, loadTeam, loadVolunteer, type VolunteerCaller } from './shared.ts';
import { applyToTeamSchema } from './volunteers.schema.ts';

/**
 * A volunteer applies to join a team (from their "我的" page, or staff on their behalf); the leader then accepts or
 * declines (decideTeamApplication). Input: teamId, residentId (for a volunteer acting for themselves, their own).
 * Output: `{ status: 'applied' }`. Refuses: volunteer.team.notFound; volunteer.notFound / inactive;
 * volunteer.team.notRecruiting; volunteer.team.alreadyApplied (applied or a member already); volunteer.notYou.
 */
export async function applyToTeam(tx: Tx, caller: VolunteerCaller, input: z.input<typeof applyToTeamSchema>) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(applyToTeamSchema, input);
  const team = await loadTeam(tx, tenantId, parsed.teamId);
  if (isSelf(caller)) {
    if (caller.residentId !== parsed.residentId) throw volunteerRefusal('volunteer.notYou');
  } else assertRunsTeam(caller.ability, team);
  await loadVolunteer(tx, tenantId, parsed.residentId);
  if (!team.recruiting) throw volunteerRefusal('volunteer.team.notRecruiting');
  const [current] = await tx
    .select({ status: volunteerTeamMembers.status })
    .from(volunteerTeamMembers)
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.teamId, team.id), eq(volunteerTeamMembers.residentId, parsed.residentId)))
    .for('update');
  if (current && (current.status === 'applied' || current.status === 'member')) throw volunteerRefusal('volunteer.team.alreadyApplied');
  await tx
    .insert(volunteerTeamMembers)
    .values({ tenantId, teamId: team.id, residentId: parsed.residentId, status: 'applied' })
    .onConflictDoUpdate({ target: [volunteerTeamMembers.tenantId, volunteerTeamMembers.teamId, volunteerTeamMembers.residentId], set: { status: 'applied', appliedAt: new Date(), decidedAt: null, decidedBy: null } });
  return { status: 'applied' as const };
}
