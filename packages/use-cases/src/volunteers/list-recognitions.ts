import { and, asc, desc, eq, isNull, ne } from 'drizzle-orm';
import { memberships, orgUnits, residents, type Tx, users, volunteerRecognitions, volunteers, volunteerTeamMembers, volunteerTeams } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { ledgerEntries, ledgerTotals } from './ledger.ts';
import { communityOf } from './shared.ts';

/**
 * The community's recognitions for staff, newest first: person (masked name), title, year, citation, status, who
 * nominated, decision note; and the volunteers to nominate from — one row per person, with what tells apart two
 * people whose masked names are alike (龙** twice: found from outside): the masked mobile and the teams they are
 * members of — most approved star hours first; the community's slug (for the honour wall's address).
 * `otherDeciders`: how many other active accounts of the community may record the committee's decision (community
 * admins other than the caller): a nomination is decided by an admin who did not make it, so with none (a community
 * with a single admin who nominates) the page says why nothing can be decided and what to do.
 * Caller: staff reading volunteers' records.
 * Output: `{ slug, recognitions, volunteers: { residentId, nameHint, mobileHint, teams, hours }[], canNominate,
 * canDecide, otherDeciders }`.
 */
export async function listRecognitions(tx: Tx, caller: StaffCaller) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'read', subject('Volunteer', { tenantId }));
  const rows = await tx
    .select({ r: volunteerRecognitions, nameHint: residents.nameHint })
    .from(volunteerRecognitions)
    .innerJoin(residents, and(eq(residents.tenantId, volunteerRecognitions.tenantId), eq(residents.id, volunteerRecognitions.residentId)))
    .where(eq(volunteerRecognitions.tenantId, tenantId))
    .orderBy(desc(volunteerRecognitions.nominatedAt))
    .limit(200);
  const people = await tx
    .select({ residentId: volunteers.residentId, nameHint: residents.nameHint, mobileHint: residents.mobileHint })
    .from(volunteers)
    .innerJoin(residents, and(eq(residents.tenantId, volunteers.tenantId), eq(residents.id, volunteers.residentId)))
    .where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.active, true), eq(residents.status, 'active')))
    .orderBy(asc(residents.nameHint), asc(residents.id));
  const teamRows = await tx
    .select({ residentId: volunteerTeamMembers.residentId, name: volunteerTeams.name })
    .from(volunteerTeamMembers)
    .innerJoin(volunteerTeams, and(eq(volunteerTeams.tenantId, volunteerTeamMembers.tenantId), eq(volunteerTeams.id, volunteerTeamMembers.teamId)))
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.status, 'member')))
    .orderBy(asc(volunteerTeams.name));
  const entries = await ledgerEntries(tx, tenantId, undefined);
  const hoursOf = (residentId: string) => ledgerTotals(entries.filter((e) => e.residentId === residentId)).starMinutes / 60;
  const [community] = await tx.select({ slug: orgUnits.slug }).from(orgUnits).where(eq(orgUnits.id, tenantId));
  const deciders = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgUnitId, tenantId), eq(memberships.role, 'community_admin'), ne(memberships.userId, caller.actor.userId), isNull(users.disabledAt)));
  return {
    slug: community?.slug ?? null,
    recognitions: rows.map(({ r, nameHint }) => ({ id: r.id, residentId: r.residentId, nameHint, title: r.title, year: r.year, citation: r.citation, status: r.status, mine: r.nominatedBy === caller.actor.userId, note: r.decisionNote })),
    volunteers: [...new Map(people.map((p) => [p.residentId, p])).values()]
      .map((p) => ({ residentId: p.residentId, nameHint: p.nameHint, mobileHint: p.mobileHint, teams: teamRows.filter((t) => t.residentId === p.residentId).map((t) => t.name), hours: Math.round(hoursOf(p.residentId) * 10) / 10 }))
      .sort((a, b) => b.hours - a.hours),
    canNominate: caller.ability.can('update', subject('Volunteer', { tenantId })),
    canDecide: caller.ability.can('update', subject('Settings', { tenantId })),
    otherDeciders: new Set(deciders.map((d) => d.userId)).size,
  };
}
