import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { starLevel } from '@shequ/domain';
import { memberships, orgUnits, residents, type Tx, users, volunteerHours, volunteerRecognitions, volunteers, volunteerTeamMembers, volunteerTeams } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { ledgerEntries, ledgerTotals } from './ledger.ts';
import { volunteerRefusal } from './refusals.ts';
import { communityOf, loadVolunteer, loadVolunteerSettings } from './shared.ts';
import { decideRecognitionSchema, nominateVolunteerSchema } from './volunteers.schema.ts';

// Recognitions of volunteers (金元之星-style, issue 17): staff nominate with a citation, the committee decides (recorded
// by the community admin, not the nominator), the honour wall shows the approved ones of volunteers who agreed.
// 《志愿服务条例》 art. 19: records of awards are part of a volunteer's record.

/**
 * Nominates a volunteer for a recognition of a year, with a citation. Caller: staff keeping volunteers' records.
 * Output: `{ id }`; audited. Refuses: forbidden; volunteer.notFound / volunteer.inactive;
 * volunteer.recognition.duplicate (the same title and year for the same person).
 */
export async function nominateVolunteer(tx: Tx, caller: StaffCaller, input: z.input<typeof nominateVolunteerSchema>) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('Volunteer', { tenantId }));
  const v = parseInput(nominateVolunteerSchema, input);
  await loadVolunteer(tx, tenantId, v.residentId);
  const [row] = await tx
    .insert(volunteerRecognitions)
    .values({ tenantId, residentId: v.residentId, title: v.title, year: v.year, citation: v.citation, nominatedBy: caller.actor.userId })
    .onConflictDoNothing()
    .returning({ id: volunteerRecognitions.id });
  if (!row) throw volunteerRefusal('volunteer.recognition.duplicate', { field: 'residentId' });
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_nominated', subjectType: 'VolunteerRecognition', subjectId: row.id, detail: { residentId: v.residentId, title: v.title, year: v.year } });
  return { id: row.id };
}

/**
 * Records the committee's decision on a nomination (approved or declined), with where it was decided. Caller: the
 * community admin ('update' Settings), who did not nominate it (a second pair of eyes, like the second approval of
 * hours). Output: `{ status }`; audited. Refuses: forbidden; volunteer.recognition.notFound;
 * volunteer.recognition.decided (already decided); volunteer.recognition.sameDecider.
 */
export async function decideRecognition(tx: Tx, caller: StaffCaller, input: z.input<typeof decideRecognitionSchema> & { now?: Date }) {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'update', subject('Settings', { tenantId }));
  const v = parseInput(decideRecognitionSchema, input);
  const [found] = await tx.select().from(volunteerRecognitions).where(and(eq(volunteerRecognitions.tenantId, tenantId), eq(volunteerRecognitions.id, v.recognitionId))).for('update');
  if (!found) throw volunteerRefusal('volunteer.recognition.notFound');
  if (found.status !== 'nominated') throw volunteerRefusal('volunteer.recognition.decided');
  if (found.nominatedBy === caller.actor.userId) throw volunteerRefusal('volunteer.recognition.sameDecider');
  const status = v.approve ? ('approved' as const) : ('declined' as const);
  await tx
    .update(volunteerRecognitions)
    .set({ status, decidedBy: caller.actor.userId, decidedAt: input.now ?? new Date(), decisionNote: v.note || null })
    .where(and(eq(volunteerRecognitions.tenantId, tenantId), eq(volunteerRecognitions.id, found.id)));
  await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_recognition_decided', subjectType: 'VolunteerRecognition', subjectId: found.id, detail: { status } });
  return { status };
}

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

/**
 * The community's public honour wall (荣誉墙): approved recognitions of volunteers who agreed to be shown
 * (`volunteers.show_on_wall`), newest year first — masked name (the register's hint; the wall is public), title,
 * year, citation, star level from approved hours. Anyone; transaction: the community's tenant scope.
 */
export async function listHonourWall(tx: Tx, input: { tenantId: string }) {
  const rows = await tx
    .select({ r: volunteerRecognitions, nameHint: residents.nameHint })
    .from(volunteerRecognitions)
    .innerJoin(volunteers, and(eq(volunteers.tenantId, volunteerRecognitions.tenantId), eq(volunteers.residentId, volunteerRecognitions.residentId)))
    .innerJoin(residents, and(eq(residents.tenantId, volunteerRecognitions.tenantId), eq(residents.id, volunteerRecognitions.residentId)))
    .where(and(eq(volunteerRecognitions.tenantId, input.tenantId), eq(volunteerRecognitions.status, 'approved'), eq(volunteers.showOnWall, true), eq(volunteers.active, true)))
    .orderBy(desc(volunteerRecognitions.year), desc(volunteerRecognitions.decidedAt))
    .limit(100);
  if (!rows.length) return [];
  const settings = await loadVolunteerSettings(tx, input.tenantId);
  const entries = await ledgerEntries(tx, input.tenantId, inArray(volunteerHours.residentId, [...new Set(rows.map((r) => r.r.residentId))]));
  return rows.map(({ r, nameHint }) => ({
    id: r.id,
    nameHint,
    title: r.title,
    year: r.year,
    citation: r.citation,
    stars: starLevel(ledgerTotals(entries.filter((e) => e.residentId === r.residentId)).starMinutes / 60, settings.starHours).stars,
  }));
}
