import { and, asc, eq, inArray } from 'drizzle-orm';
import { chinaDate, starLevel } from '@shequ/domain';
import { residents, type Tx, volunteerHours, volunteerTeamMembers } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { ledgerEntries, ledgerTotals } from './ledger.ts';
import { assertRunsTeam, communityOf, hoursSubject, loadTeam, loadVolunteerSettings } from './shared.ts';
import { volunteerTeamIdSchema } from './volunteer-pages.schema.ts';

/**
 * One team for whoever runs it (its leader's account, or the office): name, focus, leader and deputy (masked names),
 * whether it recruits, and its members (accepted, masked names, the day they joined). With each member, when the
 * caller may read the team's hours ('read' on its hours: the office, the team's leader): approved hours served with
 * this team and their star level (from all approved hours at the top evidence levels, as on 我的); else null.
 * Input: teamId. Output: `{ team: { id, name, focus, recruiting, leaderResidentId, leaderNameHint, deputyResidentId,
 * deputyNameHint }, members: { residentId, nameHint, mobileHint, joinedOn, hours, stars }[], canSeeHours }`
 * (hours in hours, one decimal).
 * Refuses: volunteer.team.notFound (another community's team, or one the caller does not run: a leader sees her own
 * team only; a grid worker none).
 */
export async function getVolunteerTeam(tx: Tx, caller: StaffCaller, input: z.input<typeof volunteerTeamIdSchema>) {
  const tenantId = communityOf(caller);
  const { teamId } = parseInput(volunteerTeamIdSchema, input);
  const team = await loadTeam(tx, tenantId, teamId);
  assertRunsTeam(caller.ability, team);
  const heads = await tx
    .select({ id: residents.id, nameHint: residents.nameHint })
    .from(residents)
    .where(and(eq(residents.tenantId, tenantId), inArray(residents.id, [team.leaderResidentId, ...(team.deputyResidentId ? [team.deputyResidentId] : [])])));
  const rows = await tx
    .select({ residentId: volunteerTeamMembers.residentId, decidedAt: volunteerTeamMembers.decidedAt, appliedAt: volunteerTeamMembers.appliedAt, nameHint: residents.nameHint, mobileHint: residents.mobileHint })
    .from(volunteerTeamMembers)
    .innerJoin(residents, and(eq(residents.tenantId, volunteerTeamMembers.tenantId), eq(residents.id, volunteerTeamMembers.residentId)))
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.teamId, team.id), eq(volunteerTeamMembers.status, 'member')))
    .orderBy(asc(residents.nameHint), asc(residents.id))
    .limit(500);
  const canSeeHours = caller.ability.can('read', hoursSubject(team));
  const entries = canSeeHours && rows.length ? await ledgerEntries(tx, tenantId, inArray(volunteerHours.residentId, rows.map((r) => r.residentId))) : [];
  const starHours = canSeeHours ? (await loadVolunteerSettings(tx, tenantId)).starHours : [];
  const members = rows.map((r) => {
    const mine = entries.filter((e) => e.residentId === r.residentId);
    const withTeam = mine.filter((e) => e.teamId === team.id && e.status === 'approved').reduce((a, e) => a + e.minutes, 0);
    return {
      residentId: r.residentId,
      nameHint: r.nameHint,
      mobileHint: r.mobileHint,
      joinedOn: chinaDate(r.decidedAt ?? r.appliedAt),
      hours: canSeeHours ? Math.round((withTeam / 60) * 10) / 10 : null,
      stars: canSeeHours ? starLevel(ledgerTotals(mine).starMinutes / 60, starHours).stars : null,
    };
  });
  const nameOf = (id: string | null) => (id ? (heads.find((h) => h.id === id)?.nameHint ?? '') : null);
  return {
    team: {
      id: team.id,
      name: team.name,
      focus: team.focus,
      recruiting: team.recruiting,
      leaderResidentId: team.leaderResidentId,
      leaderNameHint: nameOf(team.leaderResidentId) ?? '',
      deputyResidentId: team.deputyResidentId,
      deputyNameHint: nameOf(team.deputyResidentId),
    },
    members,
    canSeeHours,
  };
}
