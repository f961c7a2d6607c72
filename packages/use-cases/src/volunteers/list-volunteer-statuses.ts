import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Tx, volunteers, volunteerTeamMembers, volunteerTeams } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from './shared.ts';

export type VolunteerStatus = { residentId: string; active: boolean; since: string; teams: string[] };

/**
 * Which of the people listed are volunteers already, and since when, in which teams: the register of volunteers
 * offers 登记为志愿者 only to those who are not (issue 17: the button was offered to a volunteer, who learnt only
 * after sending the form that they were one).
 * Input: `residentIds` (at most 200; others are ignored). Output: VolunteerStatus[] for those registered (`since`:
 * the day they consented, YYYY-MM-DD; `teams`: names of the teams they are a member of, in name order).
 * Refuses: forbidden (a role that may not read volunteers' records).
 */
export async function listVolunteerStatuses(tx: Tx, caller: StaffCaller, input: { residentIds: readonly string[] }): Promise<VolunteerStatus[]> {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Volunteer', { tenantId }));
  const ids = [...new Set(input.residentIds)].slice(0, 200);
  if (!ids.length) return [];
  const rows = await tx
    .select({ residentId: volunteers.residentId, active: volunteers.active, since: volunteers.consentOn })
    .from(volunteers)
    .where(and(eq(volunteers.tenantId, tenantId), inArray(volunteers.residentId, ids)));
  if (!rows.length) return [];
  const teams = await tx
    .select({ residentId: volunteerTeamMembers.residentId, name: volunteerTeams.name })
    .from(volunteerTeamMembers)
    .innerJoin(volunteerTeams, and(eq(volunteerTeams.tenantId, volunteerTeamMembers.tenantId), eq(volunteerTeams.id, volunteerTeamMembers.teamId)))
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.status, 'member'), inArray(volunteerTeamMembers.residentId, rows.map((r) => r.residentId))))
    .orderBy(asc(volunteerTeams.name));
  return rows.map((r) => ({ ...r, teams: teams.filter((t) => t.residentId === r.residentId).map((t) => t.name) }));
}
