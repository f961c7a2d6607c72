import { and, asc, desc, eq } from 'drizzle-orm';
import { type Tx, volunteerTeamMembers, volunteerTeams, volunteerTrainings } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { volunteerRefusal } from './refusals.ts';
import { chinaDay, communityOf, loadVolunteer, teamSubject } from './shared.ts';
import { volunteerProfileSchema } from './volunteer-pages.schema.ts';

/**
 * A volunteer's record for staff (《志愿服务条例》 art. 19: records of service, training and awards): masked name,
 * skills, availability, consent (and a guardian's), the teams they belong to, and their training records, newest
 * first, each with its expiry and whether it has expired (expiresOn before today, China time: an expired training no
 * longer meets an activity's "training required", shift-places.ts).
 * Who: the office (update on volunteers' records) sees any volunteer of the community and may record trainings
 * (`canRecordTraining`); a team's leader sees the members and applicants of the teams she runs only.
 * Input: residentId; now. Output: `{ residentId, nameHint, skills, availability, consentOn, guardian, teams,
 * trainings: { id, name, completedOn, expiresOn, expired }[], canRecordTraining }`.
 * Refuses: volunteer.notFound (not a volunteer of this community, or not one the leader's teams know);
 * volunteer.inactive.
 */
export async function getVolunteerProfile(tx: Tx, caller: StaffCaller, input: z.input<typeof volunteerProfileSchema>, now = new Date()) {
  const tenantId = communityOf(caller);
  const { residentId } = parseInput(volunteerProfileSchema, input);
  if (!caller.ability.can('read', subject('Volunteer', { tenantId }))) throw volunteerRefusal('volunteer.notFound');
  const office = caller.ability.can('update', subject('Volunteer', { tenantId }));
  const found = await loadVolunteer(tx, tenantId, residentId);
  const memberships = await tx
    .select({ team: volunteerTeams, status: volunteerTeamMembers.status })
    .from(volunteerTeamMembers)
    .innerJoin(volunteerTeams, and(eq(volunteerTeams.tenantId, volunteerTeamMembers.tenantId), eq(volunteerTeams.id, volunteerTeamMembers.teamId)))
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.residentId, residentId)))
    .orderBy(asc(volunteerTeams.name));
  const known = memberships.filter((m) => (m.status === 'member' || m.status === 'applied') && caller.ability.can('update', teamSubject(m.team)));
  if (!office && !known.length) throw volunteerRefusal('volunteer.notFound');
  const today = chinaDay(now);
  const trainings = await tx
    .select({ id: volunteerTrainings.id, name: volunteerTrainings.name, completedOn: volunteerTrainings.completedOn, expiresOn: volunteerTrainings.expiresOn })
    .from(volunteerTrainings)
    .where(and(eq(volunteerTrainings.tenantId, tenantId), eq(volunteerTrainings.residentId, residentId)))
    .orderBy(desc(volunteerTrainings.completedOn), desc(volunteerTrainings.createdAt));
  const v = found.volunteer;
  return {
    residentId,
    nameHint: found.nameHint,
    skills: v.skills,
    availability: v.availability,
    consentOn: v.consentOn,
    guardian: v.guardianConsentOn ? { name: v.guardianName ?? '', relation: v.guardianRelation ?? '', consentOn: v.guardianConsentOn } : null,
    teams: memberships.filter((m) => m.status === 'member').map((m) => ({ id: m.team.id, name: m.team.name })),
    trainings: trainings.map((tr) => ({ ...tr, expired: tr.expiresOn !== null && tr.expiresOn < today })),
    canRecordTraining: office,
  };
}
