import { and, asc, desc, eq } from 'drizzle-orm';
import { ageOn, chinaDate, type SchoolRule } from '@shequ/domain';
import { buildings, residents, schoolCourses, schoolTerms, type Tx, volunteers, volunteerTeamMembers, volunteerTeams } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { teamSubject } from '../volunteers/shared.ts';
import { assertSchoolStaff, courseCounts, schoolCommunity, seniorSchool } from './shared.ts';

/**
 * The senior school as staff see it: its terms, newest first, each with its courses (teacher's masked name, weekly
 * time, room, capacity, fee in fen, rule, whether allocated) and their counts (enrolled, offered, waiting, applied).
 * Also what the course form offers for a volunteer teacher: `teachers` (active volunteers who are members of a team:
 * residentId, masked name, their teams' ids) and `teams` (id, name), so a teacher's classes can count as service.
 * `showcaseTeams` are the teams the caller runs (publishShowcase creates the activity under one of them), and each
 * term's `actions.showcase` says whether publishShowcase would take the step now (decision 051: the caller may update
 * the school, the term has no showcase yet, and the caller runs a team).
 * Input: none. Output: `{ terms: [{ id, name, startsOn, endsOn, offerHours, showcaseActivityId, actions: { showcase },
 * courses: [...] }], teachers, teams, showcaseTeams }`.
 * Refuses: forbidden.
 */
export async function getSeniorSchool(tx: Tx, caller: StaffCaller) {
  assertSchoolStaff(caller, 'read');
  const tenantId = schoolCommunity(caller);
  const terms = await tx.select().from(schoolTerms).where(eq(schoolTerms.tenantId, tenantId)).orderBy(desc(schoolTerms.startsOn));
  const courses = await tx
    .select({ course: schoolCourses, teacher: residents.nameHint, team: volunteerTeams.name })
    .from(schoolCourses)
    .leftJoin(residents, and(eq(residents.tenantId, schoolCourses.tenantId), eq(residents.id, schoolCourses.teacherResidentId)))
    .leftJoin(volunteerTeams, and(eq(volunteerTeams.tenantId, schoolCourses.tenantId), eq(volunteerTeams.id, schoolCourses.volunteerTeamId)))
    .where(eq(schoolCourses.tenantId, tenantId))
    .orderBy(asc(schoolCourses.weekday), asc(schoolCourses.startsAt));
  const count = await courseCounts(tx, tenantId);
  const teamRows = await tx.select({ id: volunteerTeams.id, name: volunteerTeams.name, tenantId: volunteerTeams.tenantId, leaderUserId: volunteerTeams.leaderUserId }).from(volunteerTeams).where(eq(volunteerTeams.tenantId, tenantId)).orderBy(asc(volunteerTeams.name));
  const teams = teamRows.map(({ id, name }) => ({ id, name }));
  const showcaseTeams = teamRows.filter((t) => caller.ability.can('update', teamSubject(t))).map(({ id, name }) => ({ id, name }));
  const mayShowcase = caller.ability.can('update', seniorSchool(tenantId)) && showcaseTeams.length > 0;
  const members = await tx
    .select({ residentId: volunteers.residentId, nameHint: residents.nameHint, mobileHint: residents.mobileHint, birth: residents.birth, building: buildings.name, teamId: volunteerTeamMembers.teamId })
    .from(volunteerTeamMembers)
    .innerJoin(volunteers, and(eq(volunteers.tenantId, volunteerTeamMembers.tenantId), eq(volunteers.residentId, volunteerTeamMembers.residentId)))
    .innerJoin(residents, and(eq(residents.tenantId, volunteers.tenantId), eq(residents.id, volunteers.residentId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, residents.tenantId), eq(buildings.id, residents.buildingId)))
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.status, 'member'), eq(volunteers.active, true), eq(residents.status, 'active')))
    .orderBy(asc(residents.nameHint));
  // Two 王** in the teacher picker were alike (issue 19's trial): each carries building, age and masked mobile.
  const today = chinaDate(new Date());
  const teachers = new Map<string, { residentId: string; nameHint: string; building: string | null; age: number | null; mobileHint: string | null; teamIds: string[] }>();
  for (const m of members) {
    const t = teachers.get(m.residentId) ?? { residentId: m.residentId, nameHint: m.nameHint ?? '', building: m.building, age: m.birth ? ageOn(m.birth, today) : null, mobileHint: m.mobileHint, teamIds: [] };
    t.teamIds.push(m.teamId);
    teachers.set(m.residentId, t);
  }
  return {
    terms: terms.map((t) => ({
      id: t.id,
      name: t.name,
      startsOn: t.startsOn,
      endsOn: t.endsOn,
      offerHours: t.offerHours,
      showcaseActivityId: t.showcaseActivityId,
      actions: { showcase: mayShowcase && t.showcaseActivityId === null },
      courses: courses
        .filter((c) => c.course.termId === t.id)
        .map(({ course: c, teacher, team }) => ({ id: c.id, title: c.title, teacher, team, weekday: c.weekday, startsAt: c.startsAt, endsAt: c.endsAt, room: c.room, capacity: c.capacity, feeCents: c.feeCents, rule: c.rule as SchoolRule, allocated: c.allocatedAt !== null, ...count(c.id) })),
    })),
    teachers: [...teachers.values()],
    teams,
    showcaseTeams,
  };
}
