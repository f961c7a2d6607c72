import { and, asc, eq, inArray } from 'drizzle-orm';
import { residents, type Tx, volunteers, volunteerTeamMembers, volunteerTeams } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { communityOf, teamSubject } from './shared.ts';

/**
 * Applications to join the teams the caller runs (a leader: their own; the office: every team), oldest first, with
 * the applicant's masked name, skills and availability (when they can serve, as recorded when they registered), for
 * the leader to accept or decline (decideTeamApplication). Residents apply from their 我的 page.
 * Output: `{ teamId, teamName, residentId, nameHint, skills, availability, appliedAt }[]`. Never refuses: a caller
 * running no team gets an empty list.
 */
export async function listTeamApplications(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  const teams = (await tx.select().from(volunteerTeams).where(eq(volunteerTeams.tenantId, tenantId))).filter((t) => caller.ability.can('update', teamSubject(t)));
  if (!teams.length) return [];
  const rows = await tx
    .select({
      teamId: volunteerTeamMembers.teamId,
      residentId: volunteerTeamMembers.residentId,
      appliedAt: volunteerTeamMembers.appliedAt,
      nameHint: residents.nameHint,
      skills: volunteers.skills,
      availability: volunteers.availability,
    })
    .from(volunteerTeamMembers)
    .innerJoin(residents, and(eq(residents.tenantId, volunteerTeamMembers.tenantId), eq(residents.id, volunteerTeamMembers.residentId)))
    .leftJoin(volunteers, and(eq(volunteers.tenantId, volunteerTeamMembers.tenantId), eq(volunteers.residentId, volunteerTeamMembers.residentId)))
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.status, 'applied'), inArray(volunteerTeamMembers.teamId, teams.map((t) => t.id))))
    .orderBy(asc(volunteerTeamMembers.appliedAt))
    .limit(200);
  return rows.map((r) => ({ ...r, skills: r.skills ?? [], teamName: teams.find((t) => t.id === r.teamId)!.name }));
}
