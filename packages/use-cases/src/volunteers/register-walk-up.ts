import { and, eq, ne } from 'drizzle-orm';
import { normalizeMobile, RESIDENT_NAME_MAX, volunteerAgeGate } from '@shequ/domain';
import { residentConsents, residents, type Tx, volunteers, volunteerSignups, volunteerTeamMembers } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { personProblems, registerScope, sealPerson } from '../residents/person.ts';
import { type Problem, UseCaseError } from '../errors.ts';
import { duplicateProblems } from '../residents/duplicates.ts';
import { refreshCareRoster } from '../care/refresh-care-roster.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { assertInWindow, attendanceWindow, markIn } from './attendance.ts';
import { guardianProblems } from './guardian.ts';
import { volunteerRefusal } from './refusals.ts';
import { assertRunsTeam, chinaDay, communityOf, loadShift, loadVolunteerSettings } from './shared.ts';
import { checkSuited, suitabilityProblems } from './shift-places.ts';
import { type RegisterWalkUpFields, registerWalkUpSchema } from './volunteers.schema.ts';

/**
 * Someone came to help without signing up: the leader records them on the spot and checks them in (evidence of their
 * hours: 'leader'). A person already in the register is chosen (`residentId`); anyone else is registered in the
 * register as they are (name, mobile, birth; consent recorded in person), and made a volunteer. Walk-ups take a
 * reserved place and are never turned away for lack of places (they are there; their service must be recordable).
 *
 * Input: shiftId; residentId, or name with mobile and birth (sharedMobile: the mobile is knowingly shared with
 * someone of the register); consent (of one who is not a volunteer yet: a member of the team, or anyone already a
 * volunteer, consented when registered and is not asked again); for 14–17 the guardian's consent and name; cipher;
 * now (within the check-in window).
 * Output: `{ residentId, signupId, registered }` (registered: a new person of the register).
 * Rules: 团中央《中国注册志愿者管理办法》 (14–17 with a guardian's consent); 《志愿服务条例》 art. 15 (age floor and
 * skills of the activity still apply).
 * Refuses: volunteer.consent.required; for a new person every problem of the form at once (the register's field
 * refusals resident.*, volunteer.walkUp.birthRequired, consent, the age gate's); volunteer.walkUp.knownMobile (the mobile is an active person's of the register and not
 * said to be shared: `{ field: 'mobile', residentId, name, mobile }` with the masked name and number, so that the form
 * offers that person, or the box to say the number is shared — the leader typed the number: the masked name of its
 * holder is what she needs to tell whether it is the person in front of her); volunteer.birth.unknown / volunteer.tooYoung / volunteer.guardian.required;
 * volunteer.signup.duplicate (already on the shift); volunteer.qr.outsideWindow; the sign-up rules (age, skills,
 * training).
 */
export async function registerWalkUp(tx: Tx, caller: StaffCaller, input: RegisterWalkUpFields & { cipher: PersonalDataCipher; now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(registerWalkUpSchema, input);
  const now = input.now ?? new Date();
  const loaded = await loadShift(tx, tenantId, parsed.shiftId, true);
  assertRunsTeam(caller.ability, loaded.team);
  assertCan(caller.ability, 'create', subject('Volunteer', { tenantId }));
  assertInWindow(attendanceWindow(loaded, await loadVolunteerSettings(tx, tenantId), 'in'), now);
  const today = chinaDay(now);
  // A guardian's name longer than the register keeps is said beside it with the rest (the schema takes any length,
  // so that one long field does not hide the others' problems: issue 17's trial met the refusals one layer at a time).
  const guardianTooLong: Problem[] = parsed.guardianName && Array.from(parsed.guardianName).length > RESIDENT_NAME_MAX ? [{ code: 'resident.name.tooLong', params: { field: 'guardianName', max: RESIDENT_NAME_MAX } }] : [];
  /** Consent, the age gate and a minor's guardian for one who is not a volunteer yet; with the activity's own rules. */
  const joinProblems = (birth: string | null, asked: boolean): Problem[] => {
    const problems: Problem[] = [];
    if (!asked) return problems;
    if (!parsed.consent) problems.push({ code: 'volunteer.consent.required', params: { field: 'consent' } });
    const gate = birth ? volunteerAgeGate(birth, today) : null;
    if (gate === 'tooYoung') problems.push({ code: 'volunteer.tooYoung', params: { field: 'birth' } });
    if (gate === 'needsGuardian' && (!parsed.guardianConsent || !parsed.guardianName)) problems.push({ code: 'volunteer.guardian.required', params: { field: 'guardianConsent' } });
    if (gate === 'needsGuardian') problems.push(...guardianProblems(parsed.guardianName, parsed.guardianRelation));
    return problems;
  };

  let residentId = parsed.residentId ?? null;
  let registered = false;
  let birth: string | null;
  if (residentId) {
    const [person] = await tx.select({ birth: residents.birth, status: residents.status, mobileIndex: residents.mobileIndex }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, residentId)));
    if (!person || !(await mayPick(tx, caller, tenantId, loaded, residentId, person.mobileIndex, parsed.mobile, input.cipher))) throw volunteerRefusal('volunteer.notFound', { field: 'residentId' });
    if (person.status !== 'active') throw volunteerRefusal('volunteer.inactive', { field: 'residentId' });
    birth = person.birth;
    // Every problem at once: consent and guardian (one not yet a volunteer) with the activity's age, skills, trainings.
    const [record] = await tx.select({ skills: volunteers.skills }).from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, residentId)));
    if (!record && !birth) throw volunteerRefusal('volunteer.birth.unknown', { field: 'residentId' });
    const refused = UseCaseError.of([...joinProblems(birth, !record), ...guardianTooLong, ...(await suitabilityProblems(tx, loaded, { residentId, birth, skills: record?.skills ?? [] }))]);
    if (refused) throw refused;
  } else {
    // Everything the form lacks is said at once, each beside its field (an empty form marked only 姓名: found from
    // outside): the register's own checks, the birth the age gate needs, consent, and a minor's guardian.
    const { person, problems: lacking } = personProblems({ name: parsed.name ?? '', mobile: parsed.mobile, birth: parsed.birth }, today);
    if (!person.birth && !lacking.some((p) => p.params.field === 'birth')) lacking.push({ code: 'volunteer.walkUp.birthRequired', params: { field: 'birth' } });
    lacking.push(...joinProblems(person.birth, true), ...guardianTooLong);
    // The activity's own rules for the person as typed (a birth that could be read): a 15-year-old at 登高 with the rest.
    if (person.birth) lacking.push(...(await suitabilityProblems(tx, loaded, { residentId: null, birth: person.birth, skills: [] })));
    const refused = UseCaseError.of(lacking);
    if (refused) throw refused;
    birth = person.birth;
    const sealed = sealPerson(input.cipher, person);
    const problems = await duplicateProblems(tx, tenantId, sealed, parsed.sharedMobile, null);
    const sameMobile = problems.find((p) => p.code === 'resident.duplicate.mobile' && typeof p.params.residentId === 'string');
    if (sameMobile) {
      const [holder] = await tx.select({ nameHint: residents.nameHint, mobileHint: residents.mobileHint }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, String(sameMobile.params.residentId))));
      throw volunteerRefusal('volunteer.walkUp.knownMobile', { field: 'mobile', residentId: String(sameMobile.params.residentId), name: holder?.nameHint ?? '', mobile: holder?.mobileHint ?? '' });
    }
    const refusal = UseCaseError.of(problems);
    if (refusal) throw refusal;
    const [row] = await tx
      .insert(residents)
      .values({ tenantId, ...sealed, gender: person.gender, birth: person.birth, note: `现场登记（${loaded.activity.title}）`, createdBy: caller.actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: residents.id });
    residentId = row!.id;
    registered = true;
    await tx.insert(residentConsents).values({ tenantId, residentId, purpose: 'register', channel: 'in_person', givenOn: today, recordedBy: caller.actor.userId });
    await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'resident_registered', subjectType: 'Resident', subjectId: residentId, detail: { walkUp: true } });
    // A new person of the register: the care rules may name them by age (decision 073).
    await refreshCareRoster(tx, tenantId, now, [residentId]);
  }

  const [existing] = await tx.select({ residentId: volunteers.residentId }).from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, residentId)));
  if (!existing) {
    if (!parsed.consent) throw volunteerRefusal('volunteer.consent.required', { field: 'consent' });
    const gate = volunteerAgeGate(birth, today);
    if (gate === 'unknown') throw volunteerRefusal('volunteer.birth.unknown', { field: 'birth' });
    if (gate === 'tooYoung') throw volunteerRefusal('volunteer.tooYoung', { field: 'birth' });
    const minor = gate === 'needsGuardian';
    if (minor && (!parsed.guardianConsent || !parsed.guardianName)) throw volunteerRefusal('volunteer.guardian.required', { field: 'guardianConsent' });
    await tx.insert(volunteers).values({
      tenantId,
      residentId,
      consentOn: today,
      guardianName: minor ? parsed.guardianName! : null,
      guardianRelation: minor ? parsed.guardianRelation || null : null,
      guardianConsentOn: minor ? today : null,
      createdBy: caller.actor.userId,
    });
    await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'volunteer_registered', subjectType: 'Volunteer', subjectId: residentId, detail: { minor, walkUp: true } });
  }
  await checkSuited(tx, loaded, residentId);
  const [live] = await tx
    .select({ id: volunteerSignups.id, status: volunteerSignups.status })
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, loaded.shift.id), eq(volunteerSignups.residentId, residentId), ne(volunteerSignups.status, 'cancelled')));
  if (live && live.status === 'confirmed') throw volunteerRefusal('volunteer.signup.duplicate');
  let signupId: string;
  if (live && live.status === 'waiting') {
    // On the waiting list and here anyway: they take a reserved place.
    await tx.update(volunteerSignups).set({ status: 'confirmed', usesReserved: true, promotedAt: now }).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, live.id)));
    signupId = live.id;
  } else {
    const [row] = await tx
      .insert(volunteerSignups)
      .values({ tenantId, shiftId: loaded.shift.id, residentId, status: 'confirmed', usesReserved: true, queuedAt: now, createdBy: caller.actor.userId })
      .returning({ id: volunteerSignups.id });
    signupId = row!.id;
  }
  const [signup] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.id, signupId)));
  await markIn(tx, signup!, 'walk_up', now, caller.actor.userId);
  return { residentId, signupId, registered };
}

/**
 * Whether the caller may name this person of the register as a walk-up: the office (who reads the whole register)
 * anyone; a team leader only a member of the team, someone on this shift's list, or the person whose mobile they
 * typed (the walk-up form offers them after volunteer.walkUp.knownMobile). Anyone else is not found — a leader who
 * cannot search the register enlisted any resident by id, and learned their age from the refusal (found by an
 * outside trial of issue 13).
 */
async function mayPick(tx: Tx, caller: StaffCaller, tenantId: string, loaded: Awaited<ReturnType<typeof loadShift>>, residentId: string, mobileIndex: string | null, typedMobile: string | null | undefined, cipher: PersonalDataCipher) {
  if (registerScope(caller, tenantId) === undefined) return true;
  const mobile = typedMobile ? normalizeMobile(typedMobile) : null;
  if (mobile && mobileIndex && cipher.blindIndex('mobile', mobile) === mobileIndex) return true;
  const [member] = await tx
    .select({ residentId: volunteerTeamMembers.residentId })
    .from(volunteerTeamMembers)
    .where(and(eq(volunteerTeamMembers.tenantId, tenantId), eq(volunteerTeamMembers.teamId, loaded.team.id), eq(volunteerTeamMembers.residentId, residentId), eq(volunteerTeamMembers.status, 'member')));
  if (member) return true;
  const [signedUp] = await tx
    .select({ id: volunteerSignups.id })
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, loaded.shift.id), eq(volunteerSignups.residentId, residentId), ne(volunteerSignups.status, 'cancelled')));
  return Boolean(signedUp);
}
