import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { DEFAULT_CARE_RULES, DEFAULT_CATEGORIES, DEFAULT_RESIDENT_TAGS, maskMobile, maskName, type Role } from '@shequ/domain';
import { createTestOwnerDb } from '@shequ/db/testing';
import { actionItems, buildings, casePhotos, cases, notifications, categories, communitySettings, consultationDecisions, consultationMatters, consultationMeetings, elderServiceBookings, elderServices, elderServiceSlots, grids, mealBookings, mealMenus, mealSittings, memberships, orgUnits, partnerUnits, partyMembers, partyOrgs, qrCodes, replyTemplates, residents, residentTags, residentSessions, residentSignUps, schoolCourses, schoolEnrolments, schoolTerms, serviceOccurrences, servicePosts, sessions, type Tx, userPasswords, users, volunteerActivities, volunteerCertificates, volunteers, volunteerShifts, volunteerSignups, volunteerTeams, wishClaims, wishWallItems, withTenant } from '@shequ/db';
import { and, count, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import { anonymousCaller, createSchoolCourse, enrolInCourse, submitCase } from '@shequ/use-cases';
import { createInvitation, staffCallerFor } from '@shequ/use-cases/testing';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { DEMO_PASSWORD, demoCipher } from '@shequ/use-cases/seed';
import { hashPassword } from '@shequ/use-cases/crypto';

// Fixtures write straight to the e2e database (as the owner, like the seed) and remove what they made.
// The owner, whose bare queries read as operators' maintenance does (accounts, memberships, the outbox are under forced
// RLS, which binds the owner too); community rows are read inside withTenant.
const db = createTestOwnerDb(process.env.DATABASE_URL ?? 'postgres://shequ_owner:shequ_owner@127.0.0.1:5432/shequ', 1);
const created: string[] = [];

/** keep: leave the user in place after the file (one whose actions were audited: audit entries keep their actor). */
export async function createStaffUser(displayName: string, role: Role, communitySlug = 'jinyuan', options: { email?: boolean; keep?: boolean } = {}) {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, communitySlug));
  const mobile = `1370${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const email = options.email ? `u${mobile}@e2e.shequ.cn` : null;
  const [user] = await db.insert(users).values({ displayName, mobile, email }).returning();
  await db.insert(userPasswords).values({ userId: user!.id, hash: await hashPassword(DEMO_PASSWORD) });
  await db.insert(memberships).values({ userId: user!.id, role, orgUnitId: community!.id });
  if (!options.keep) created.push(user!.id);
  return { id: user!.id, mobile, email, displayName };
}

/** Gives an existing fixture user one more community role (as the seed would). */
export async function addMembership(userId: string, role: Role, communitySlug: string) {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, communitySlug));
  await db.insert(memberships).values({ userId, role, orgUnitId: community!.id });
}

/** A user's id by mobile (a demo account's, say). */
export async function userIdByMobile(mobile: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile));
  return row!.id;
}

/** A user's membership id in a community. */
export async function membershipIdOf(userId: string, communitySlug: string): Promise<string> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.orgUnitId))
    .where(and(eq(memberships.userId, userId), eq(orgUnits.slug, communitySlug)));
  return row!.id;
}

/** An open invitation's id in a community (offered to a new fixture user), as another community might try it. */
export async function openInvitationId(communitySlug: string): Promise<string> {
  const person = await createStaffUser('被邀请的人', 'volunteer_leader', 'changling');
  const orgUnitId = await communityId(communitySlug);
  const { invitationId } = await asSystem('maintenance', (tx) => createInvitation(tx as never, { userId: person.id, inviteeName: '被邀请的人', role: 'community_staff', orgUnitId, invitedBy: person.id }));
  return invitationId;
}

/** An invitation link for an existing account (as onboarding a community with that person's mobile issues one). */
export async function invitationFor(userId: string, communitySlug = 'bihai'): Promise<string> {
  const orgUnitId = await communityId(communitySlug);
  const { token } = await asSystem('maintenance', (tx) => createInvitation(tx as never, { userId, inviteeName: '受邀人', role: 'community_staff', orgUnitId, invitedBy: userId }));
  return `/invite/${token}`;
}

/** The user's stored password hash (to show a refused action changed nothing); only the authentication scope reads it. */
export async function passwordHashOf(userId: string): Promise<string | null> {
  const [row] = await asSystem('authentication', (tx) => tx.select({ hash: userPasswords.hash }).from(userPasswords).where(eq(userPasswords.userId, userId)));
  return row?.hash ?? null;
}

export async function removeFixtures() {
  for (const id of created.splice(0)) await db.delete(users).where(eq(users.id, id));
  await db.close();
}

/** How many cases a community has (read as the owner inside its tenant context). */
export async function caseCount(slug = 'jinyuan'): Promise<number> {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  const [row] = await withTenant(db, community!.id, (tx) => tx.select({ n: count() }).from(cases));
  return row!.n;
}

/** A real 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The newest case of a community, with its first photo if any (read as the owner in the tenant's context). */
export async function newestCase(slug = 'jinyuan') {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  return withTenant(db, community!.id, async (tx) => {
    const [row] = await tx.select({ id: cases.id, trackingCode: cases.trackingCode, content: cases.content }).from(cases).orderBy(desc(cases.createdAt)).limit(1);
    const [photo] = await tx.select({ id: casePhotos.id }).from(casePhotos).where(eq(casePhotos.caseId, row!.id)).limit(1);
    return { ...row!, photoId: photo?.id ?? null };
  });
}

/** The path a community's own (not a building's) QR poster encodes. */
export async function communityQrPath(slug: string) {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  const [qr] = await withTenant(db, community!.id, (tx) => tx.select({ token: qrCodes.token }).from(qrCodes).where(and(isNull(qrCodes.buildingId), isNull(qrCodes.replacedAt))));
  return `/c/${slug}/q/${qr!.token}`;
}

export async function communityId(slug: string): Promise<string> {
  const [community] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, slug));
  return community!.id;
}

const createdUnits: string[] = [];

/** A user holding `role` in any org unit (an officer of a street, a department, a district), removed afterwards. */
export async function createOrgUser(displayName: string, role: Role, orgUnitId: string) {
  const mobile = `1371${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const [user] = await db.insert(users).values({ displayName, mobile }).returning();
  await db.insert(userPasswords).values({ userId: user!.id, hash: await hashPassword(DEMO_PASSWORD) });
  await db.insert(memberships).values({ userId: user!.id, role, orgUnitId });
  created.push(user!.id);
  return { id: user!.id, mobile, displayName };
}

/** Another district with one department (for officers of "another district"), removed with the fixtures. */
export async function createOtherDistrict() {
  const suffix = String(randomInt(100, 999));
  const [district] = await db.insert(orgUnits).values({ kind: 'district', name: `测试区${suffix}`, adminCode: `529${suffix}000000` }).returning();
  const [department] = await db
    .insert(orgUnits)
    .values({ kind: 'department', name: `测试区${suffix}住建局`, parentId: district!.id, districtId: district!.id, adminCode: `529${suffix}900001` })
    .returning();
  createdUnits.push(department!.id, district!.id);
  return { districtId: district!.id, departmentId: department!.id };
}

/**
 * A community just onboarded under 金源街道 (its starting data as provisionCommunity writes it: categories, a first
 * grid, the register's default tags, settings; no station, school, services or care rules): its slug. It stays in
 * the run's database (a community's rows keep it; the run drops the database).
 */
export async function createFreshCommunity(): Promise<string> {
  const [street] = await db.select({ id: orgUnits.id, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.name, '金源街道'));
  const slug = `fresh${randomInt(100_000, 999_999)}`;
  const [community] = await db.insert(orgUnits).values({ kind: 'community', name: `新开社区${slug.slice(5)}`, parentId: street!.id, streetId: street!.id, districtId: street!.districtId, slug }).returning({ id: orgUnits.id });
  const tenantId = community!.id;
  await withTenant(db, tenantId, async (tx) => {
    await tx.insert(categories).values(DEFAULT_CATEGORIES.map((name, i) => ({ tenantId, name, sortOrder: i })));
    await tx.insert(grids).values({ tenantId, name: '第一网格' });
    await tx.insert(residentTags).values(DEFAULT_RESIDENT_TAGS.map((name, i) => ({ tenantId, name, sortOrder: i })));
    await tx.insert(communitySettings).values({ tenantId });
  });
  return slug;
}

/** An org unit's id by its name (streets, departments, districts of the demo hierarchy). */
export async function unitIdByName(name: string): Promise<string> {
  const [unit] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.name, name));
  return unit!.id;
}

/** Removes units made by createOtherDistrict (after removeFixtures has removed their people). */
export async function removeUnits(): Promise<void> {
  const cleanup = createTestOwnerDb(process.env.DATABASE_URL ?? 'postgres://shequ_owner:shequ_owner@127.0.0.1:5432/shequ', 1);
  for (const id of createdUnits.splice(0)) await cleanup.delete(orgUnits).where(eq(orgUnits.id, id));
  await cleanup.close();
}

/**
 * The ids of one community's resources, as an attacker would try them: a case (the newest), its photo, an escalated
 * case, a grid, a building, QR codes, a reply template, a category, an admin's membership and user id.
 */
export async function resourceIds(slug: string) {
  const id = await communityId(slug);
  return withTenant(db, id, async (tx) => {
    const one = async (q: Promise<{ id: string }[]>) => (await q)[0]?.id ?? null;
    const [newest] = await tx.select({ id: cases.id, trackingCode: cases.trackingCode, content: cases.content }).from(cases).orderBy(desc(cases.createdAt)).limit(1);
    const [escalated] = await tx.select({ id: cases.id }).from(cases).where(isNotNull(cases.streetId)).limit(1);
    const [qr] = await tx.select({ id: qrCodes.id, token: qrCodes.token }).from(qrCodes).where(isNull(qrCodes.replacedAt)).limit(1);
    const [admin] = await tx
      .select({ membershipId: memberships.id, userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgUnitId, id), eq(memberships.role, 'community_admin')))
      .limit(1);
    return {
      communityId: id,
      caseId: newest!.id,
      trackingCode: newest!.trackingCode,
      content: newest!.content,
      photoId: await one(tx.select({ id: casePhotos.id }).from(casePhotos).where(eq(casePhotos.caseId, newest!.id))),
      escalatedCaseId: escalated?.id ?? newest!.id,
      gridId: await one(tx.select({ id: grids.id }).from(grids)),
      buildingId: await one(tx.select({ id: buildings.id }).from(buildings)),
      qrId: qr!.id,
      qrToken: qr!.token,
      templateId:
        (await one(tx.select({ id: replyTemplates.id }).from(replyTemplates))) ??
        (await tx.insert(replyTemplates).values({ tenantId: id, title: '跨社区探测模板', body: '您好' }).returning({ id: replyTemplates.id }))[0]!.id,
      categoryId: await one(tx.select({ id: categories.id }).from(categories)),
      membershipId: admin!.membershipId,
      adminUserId: admin!.userId,
      // A person of the residents' register (the demo seed registers a few hundred; a placeholder if it did not).
      residentId:
        (await one(tx.select({ id: residents.id }).from(residents).where(eq(residents.status, 'active')))) ??
        (await tx.insert(residents).values({ tenantId: id, nameEnc: 'v1:e2e', nameHint: '探**' }).returning({ id: residents.id }))[0]!.id,
      // A sign-up waiting for staff (decision 035): a resident signed in with a number the register does not know.
      signUpId:
        (await one(tx.select({ id: residentSignUps.id }).from(residentSignUps).where(isNull(residentSignUps.resolvedAt)))) ??
        (await tx.insert(residentSignUps).values({ tenantId: id, mobileEnc: 'v1:e2e', mobileHint: '139****0035', mobileIndex: `e2e-probe-${id}` }).returning({ id: residentSignUps.id }))[0]!.id,
      // A volunteer shift (issue 17; a placeholder team, activity and shift when the seed has none).
      shiftId: (await one(tx.select({ id: volunteerShifts.id }).from(volunteerShifts))) ?? (await placeholderShift(tx, id)),
      // The party organisation (issue 16): an organisation and a current member (placeholders when the seed has none).
      ...(await partyIds(tx, id)),
      // A course of the senior school and an enrolment on it (decision 043; placeholders when the seed has none).
      ...(await schoolIds(tx, id)),
      // A service, a slot and a booking of the station (decision 043; placeholders when the seed has none).
      ...(await serviceIds(tx, id)),
      // A sitting, a menu and a booking of meal help (decision 038; a booking to deliver when there is one, placeholders
      // when the seed has none), so the probes of meal pages name rows of the kind they post.
      ...(await mealIds(tx, id)),
      // A volunteer service certificate (issue 17): its id and its public verification code (a placeholder if none).
      ...(await certificateOf(tx, id)),
      // A team and a volunteer of the register (issue 17: a team's page, a volunteer's page); the shift above made a
      // team and the certificate a volunteer when the seed had none.
      teamId: (await tx.select({ id: volunteerTeams.id }).from(volunteerTeams).limit(1))[0]!.id,
      volunteerId: (await tx.select({ id: volunteers.residentId }).from(volunteers).limit(1))[0]!.id,
      // A wish on the wish wall (issue 17; a placeholder one when the seed has none).
      wishItemId: (await one(tx.select({ id: wishWallItems.id }).from(wishWallItems))) ?? (await tx.insert(wishWallItems).values({ tenantId: id, title: '探测心愿', publicText: '探测' }).returning({ id: wishWallItems.id }))[0]!.id,
      // A published decision's public token (decision 037; the demo seed publishes 金元's emergency bridge).
      decisionToken: (await tx.select({ token: consultationDecisions.publicToken }).from(consultationDecisions).where(isNotNull(consultationDecisions.publishedAt)).limit(1))[0]?.token ?? null,
      // The committee's rows (issue 18; the demo seed makes them for 金元社区): a meeting, a decision, a matter, a
      // partner unit, a service post and a delivered occurrence (ids only; null when the seed made none).
      meetingId: await one(tx.select({ id: consultationMeetings.id }).from(consultationMeetings)),
      decisionId: await one(tx.select({ id: consultationDecisions.id }).from(consultationDecisions)),
      matterId: await one(tx.select({ id: consultationMatters.id }).from(consultationMatters)),
      partnerUnitId: await one(tx.select({ id: partnerUnits.id }).from(partnerUnits)),
      postId: await one(tx.select({ id: servicePosts.id }).from(servicePosts)),
      occurrenceId: await one(tx.select({ id: serviceOccurrences.id }).from(serviceOccurrences).where(eq(serviceOccurrences.status, 'delivered'))),
    };
  });
}

/** An organisation of the community's party organisation and one of its current members. */
async function partyIds(tx: Tx, tenantId: string): Promise<{ partyOrgId: string; partyMemberId: string }> {
  const [member] = await tx.select({ id: partyMembers.id, orgId: partyMembers.orgId }).from(partyMembers).where(isNull(partyMembers.leftAt)).limit(1);
  if (member) return { partyOrgId: member.orgId, partyMemberId: member.id };
  const [existing] = await tx.select({ id: partyOrgs.id }).from(partyOrgs).limit(1);
  const [org] = existing ? [existing] : await tx.insert(partyOrgs).values({ tenantId, kind: 'general_branch', name: '跨社区探测党总支' }).returning({ id: partyOrgs.id });
  const [person] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.status, 'active')).limit(1);
  const [added] = await tx.insert(partyMembers).values({ tenantId, residentId: person!.id, orgId: org!.id, kind: 'local' }).returning({ id: partyMembers.id });
  return { partyOrgId: org!.id, partyMemberId: added!.id };
}

/** A certificate of the community (issue 17), or a placeholder one for its first person of the register. */
async function certificateOf(tx: Tx, tenantId: string): Promise<{ certificateId: string; certificateCode: string }> {
  const [found] = await tx.select({ id: volunteerCertificates.id, code: volunteerCertificates.verifyCode }).from(volunteerCertificates).limit(1);
  if (found) return { certificateId: found.id, certificateCode: found.code };
  const [person] = await tx.select({ id: residents.id }).from(residents).limit(1);
  await tx.insert(volunteers).values({ tenantId, residentId: person!.id, consentOn: '2026-11-29' }).onConflictDoNothing();
  const code = randomBytes(12).toString('base64url');
  const [cert] = await tx
    .insert(volunteerCertificates)
    .values({ tenantId, residentId: person!.id, number: `2026-9${String(randomInt(0, 99_999)).padStart(5, '0')}`, verifyCode: code, nameHint: '探**', periodFrom: '2026-01-01', periodTo: '2026-11-29', minutes: 60, content: '探测' })
    .returning({ id: volunteerCertificates.id });
  return { certificateId: cert!.id, certificateCode: code };
}

/** A term, a course and an enrolment of the senior school (the demo seed's, or placeholders). */
async function schoolIds(tx: Tx, tenantId: string): Promise<{ schoolTermId: string; courseId: string; enrolmentId: string }> {
  let [course] = await tx.select({ id: schoolCourses.id, termId: schoolCourses.termId }).from(schoolCourses).limit(1);
  if (!course) {
    const [term] = await tx.insert(schoolTerms).values({ tenantId, name: '跨社区探测学期', startsOn: '2026-09-01', endsOn: '2027-01-15' }).returning({ id: schoolTerms.id });
    [course] = await tx.insert(schoolCourses).values({ tenantId, termId: term!.id, title: '探测课程', weekday: 2, startsAt: '09:00', endsAt: '10:00', room: '活动室', capacity: 5, rule: 'first_come' }).returning({ id: schoolCourses.id, termId: schoolCourses.termId });
  }
  let [enrolment] = await tx.select({ id: schoolEnrolments.id }).from(schoolEnrolments).where(eq(schoolEnrolments.courseId, course!.id)).limit(1);
  if (!enrolment) {
    const [person] = await tx.select({ id: residents.id }).from(residents).limit(1);
    [enrolment] = await tx.insert(schoolEnrolments).values({ tenantId, courseId: course!.id, residentId: person!.id, status: 'enrolled', queuedAt: new Date(), decidedAt: new Date(), bookedBy: 'staff' }).returning({ id: schoolEnrolments.id });
  }
  return { schoolTermId: course!.termId, courseId: course!.id, enrolmentId: enrolment!.id };
}

/** A service of the station, a slot and a booking (the demo seed's, or placeholders). */
async function serviceIds(tx: Tx, tenantId: string): Promise<{ serviceId: string; serviceSlotId: string; serviceBookingId: string }> {
  let [service] = await tx.select({ id: elderServices.id }).from(elderServices).limit(1);
  if (!service) [service] = await tx.insert(elderServices).values({ tenantId, kind: 'cleaning', name: '探测助洁', durationMinutes: 60, priceCents: 3000 }).returning({ id: elderServices.id });
  let [slot] = await tx.select({ id: elderServiceSlots.id }).from(elderServiceSlots).where(eq(elderServiceSlots.serviceId, service!.id)).limit(1);
  if (!slot) [slot] = await tx.insert(elderServiceSlots).values({ tenantId, serviceId: service!.id, startsAt: new Date(Date.now() + 3 * 86_400_000), capacity: 2 }).returning({ id: elderServiceSlots.id });
  let [booking] = await tx.select({ id: elderServiceBookings.id }).from(elderServiceBookings).limit(1);
  if (!booking) {
    const [person] = await tx.select({ id: residents.id }).from(residents).limit(1);
    [booking] = await tx.insert(elderServiceBookings).values({ tenantId, slotId: slot!.id, residentId: person!.id, status: 'confirmed', priceCents: 3000, bookedBy: 'staff' }).returning({ id: elderServiceBookings.id });
  }
  return { serviceId: service!.id, serviceSlotId: slot!.id, serviceBookingId: booking!.id };
}

/**
 * A sitting of the community's meal help, a menu of it, and a booking: a live one to deliver when there is one (what
 * 送餐 confirms), else any booking, else a placeholder sitting, menu and booking for the first person of the register.
 */
async function mealIds(tx: Tx, tenantId: string): Promise<{ mealSittingId: string; mealMenuId: string; mealBookingId: string }> {
  let [sitting] = await tx.select({ id: mealSittings.id }).from(mealSittings).orderBy(mealSittings.meal).limit(1);
  if (!sitting) [sitting] = await tx.insert(mealSittings).values({ tenantId, meal: 'lunch', name: '探测午餐', capacity: 10, priceCents: 1500, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '12:30' }).returning({ id: mealSittings.id });
  const day = new Date(Date.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
  let [menu] = await tx.select({ id: mealMenus.id }).from(mealMenus).where(eq(mealMenus.sittingId, sitting!.id)).orderBy(desc(mealMenus.day)).limit(1);
  if (!menu) [menu] = await tx.insert(mealMenus).values({ tenantId, sittingId: sitting!.id, day }).returning({ id: mealMenus.id });
  let [booking] = await tx
    .select({ id: mealBookings.id })
    .from(mealBookings)
    .where(and(eq(mealBookings.status, 'booked'), eq(mealBookings.mode, 'delivery')))
    .orderBy(desc(mealBookings.day))
    .limit(1);
  if (!booking) [booking] = await tx.select({ id: mealBookings.id }).from(mealBookings).where(eq(mealBookings.status, 'booked')).limit(1);
  if (!booking) {
    const [person] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.status, 'active')).limit(1);
    [booking] = await tx
      .insert(mealBookings)
      .values({ tenantId, sittingId: sitting!.id, day, residentId: person!.id, mode: 'delivery', status: 'booked', bookedBy: 'staff', queuedAt: new Date(), priceCents: 1500 })
      .returning({ id: mealBookings.id });
  }
  return { mealSittingId: sitting!.id, mealMenuId: menu!.id, mealBookingId: booking!.id };
}

/** A team, a published activity and a shift tomorrow, led by the community's first person of the register. */
async function placeholderShift(tx: Tx, tenantId: string): Promise<string> {
  const [person] = await tx.select({ id: residents.id }).from(residents).limit(1);
  const [team] = await tx.insert(volunteerTeams).values({ tenantId, name: '跨社区探测队', leaderResidentId: person!.id }).returning({ id: volunteerTeams.id });
  const [activity] = await tx.insert(volunteerActivities).values({ tenantId, teamId: team!.id, title: '探测活动', place: '社区', status: 'published' }).returning({ id: volunteerActivities.id });
  const start = new Date(Date.now() + 24 * 3600_000);
  const [shift] = await tx.insert(volunteerShifts).values({ tenantId, activityId: activity!.id, startsAt: start, endsAt: new Date(start.getTime() + 2 * 3600_000), capacity: 5, qrSecret: 'e2e'.repeat(8) }).returning({ id: volunteerShifts.id });
  return shift!.id;
}

/**
 * A fingerprint of what people can change in a community: its grids, buildings, QR codes, categories, reply
 * templates, settings, time limits and invitations, one case with its events and photos, and its people's accounts
 * (memberships, password hashes, one-time links), and its volunteer service (teams, volunteers, activities, shifts,
 * settings, certificates, recognitions, the wish wall and its claims; not sign-ups and hours, which the worker's
 * shift timers may move while the test runs). Equal before and after = nothing changed.
 */
export async function communityFingerprint(slug: string, caseId: string): Promise<string> {
  const id = await communityId(slug);
  return withTenant(db, id, async (tx) => {
    // Maintenance scope too: the one-time links counted below are under forced RLS (decision 019).
    await tx.execute(sql`select set_config('app.system', 'maintenance', true)`);
    const parts: unknown[] = [];
    for (const table of ['grids', 'buildings', 'qr_codes', 'categories', 'reply_templates', 'community_settings', 'residents', 'resident_sign_ups', 'resident_sessions', 'party_orgs', 'party_members', 'partner_units', 'consultation_meetings', 'meeting_participants', 'agenda_items', 'consultation_decisions', 'service_occurrences', 'ballot_codes', 'school_courses', 'school_enrolments', 'elder_service_bookings', 'ability_assessments', 'care_events', 'care_periods', 'care_visits', 'care_offline_edits', 'volunteer_settings', 'volunteer_teams', 'volunteer_team_members', 'volunteers', 'volunteer_activities', 'volunteer_shifts', 'volunteer_certificates', 'volunteer_recognitions', 'wish_wall_items', 'wish_claims']) {
      parts.push((await tx.execute(sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.identifier(table)} t where tenant_id = ${id}`)));
    }
    for (const table of ['sla_policies', 'invitations']) {
      parts.push(await tx.execute(sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.identifier(table)} t where org_unit_id = ${id}`));
    }
    for (const table of ['cases', 'case_events', 'case_photos']) {
      const key = table === 'cases' ? sql.identifier('id') : sql.identifier('case_id');
      parts.push((await tx.execute(sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.identifier(table)} t where ${key} = ${caseId}`)));
    }
    // Password hashes are read only in the authentication scope (user_passwords), which also reads accounts,
    // memberships and one-time links.
    await tx.execute(sql`select set_config('app.system', 'authentication', true)`);
    parts.push(
      (
        await tx.execute(sql`select md5(coalesce(string_agg(concat_ws(',', m.id, m.role, p.hash, u.mobile, u.disabled_at, (select count(*) from auth_tokens a where a.user_id = u.id)), '|' order by m.id), '')) as h
          from memberships m join users u on u.id = m.user_id left join user_passwords p on p.user_id = u.id where m.org_unit_id = ${id}`)
      ),
    );
    return JSON.stringify(parts);
  });
}

/** The name of the grid worker of a community's grid (null when none). */
export async function gridWorkerName(slug: string, gridName: string): Promise<string | null> {
  const id = await communityId(slug);
  return withTenant(db, id, async (tx) => {
    const [grid] = await tx.select({ worker: grids.gridWorkerId }).from(grids).where(eq(grids.name, gridName));
    if (!grid?.worker) return null;
    const [user] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, grid.worker));
    return user?.name ?? null;
  });
}

/** The address recorded with a user's newest session (sessions are read in the authentication scope, decision 019). */
export async function latestSessionIp(mobile: string): Promise<string | null> {
  const [row] = await asSystem('authentication', (tx) =>
    tx
    .select({ ip: sessions.ip })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(users.mobile, mobile))
    .orderBy(desc(sessions.createdAt))
    .limit(1),
  );
  return row?.ip ?? null;
}

/** A transaction as the owner in a named system scope (sessions and one-time links are under forced RLS). */
function asSystem<T>(scope: 'maintenance' | 'authentication', fn: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', ${scope}, true)`);
    return fn(tx);
  });
}

/** Removes an account the app created during a test (an invited person), with its memberships and invitations. */
export async function removeUserByMobile(mobile: string): Promise<void> {
  await db.delete(users).where(eq(users.mobile, mobile));
}

/**
 * The text of the newest text message to `mobile` the worker delivered to the development mailbox (MAILBOX_DIR/sms,
 * one JSON file per message), waiting up to `timeoutMs` for it to arrive; null if none came.
 */
export async function waitForSms(mobile: string, since: number, timeoutMs = 45_000): Promise<string | null> {
  const { readdir, readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const dir = path.join(process.env.MAILBOX_DIR ?? '', 'sms');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const found: { at: number; body: string }[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const m = JSON.parse(await readFile(path.join(dir, name), 'utf8').catch(() => '{}')) as { recipient?: string; body?: string; at?: string };
      if (m.recipient === mobile && m.body && m.at && Date.parse(m.at) >= since) found.push({ at: Date.parse(m.at), body: m.body });
    }
    if (found.length) return found.sort((a, b) => b.at - a.at)[0]!.body;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

/**
 * A booked lunch today for a person of 金元社区 (meal help, decision 038): the cut-off for today has passed, so the
 * counter's test books it as the seed would. Nothing if the person already has today's lunch booked or served.
 */
export async function bookLunchToday(residentId: string): Promise<void> {
  const id = await communityId('jinyuan');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await withTenant(db, id, async (tx) => {
    await tx.execute(sql`insert into meal_bookings (tenant_id, id, sitting_id, day, resident_id, mode, status, booked_by, queued_at, price_cents)
      select ${id}, gen_random_uuid(), s.id, ${today}, ${residentId}, 'dine_in', 'booked', 'staff', now(), s.price_cents from meal_sittings s where s.meal = 'lunch'
      on conflict do nothing`);
  });
}

/**
 * A delivery lunch today (diet 低盐) for a new person of 金元社区 with a mobile, in a building of the grid whose worker
 * is `gridWorkerMobile` (the demo's 13800000006): what the grid worker delivers and confirms on the delivery sheet.
 * Returns the booking, the person and their mobile.
 */
export async function deliveryToday(gridWorkerMobile = '13800000006'): Promise<{ bookingId: string; residentId: string; mobile: string }> {
  const id = await communityId('jinyuan');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const stamp = Date.now().toString(36).slice(-5);
  const mobile = `1379${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const cipher = demoCipher();
  return withTenant(db, id, async (tx) => {
    const found = await tx.execute<{ id: string }>(sql`select b.id from buildings b join grids g on g.tenant_id = b.tenant_id and g.id = b.grid_id
      join users u on u.id = g.grid_worker_id where u.mobile = ${gridWorkerMobile} order by b.name limit 1`);
    if (!found[0]) throw new Error('the grid worker has no building');
    const [person] = await tx
      .insert(residents)
      .values({ tenantId: id, nameEnc: cipher.encrypt(`送餐${stamp}`), nameHint: maskName(`送餐${stamp}`), mobileEnc: cipher.encrypt(mobile), mobileHint: maskMobile(mobile), mobileIndex: cipher.blindIndex('mobile', mobile), birth: '1944-02-01', buildingId: found[0].id, unit: '1', room: '101', status: 'active' })
      .returning({ id: residents.id });
    const booked = await tx.execute<{ id: string }>(sql`insert into meal_bookings (tenant_id, id, sitting_id, day, resident_id, mode, diets, status, booked_by, queued_at, price_cents)
      select ${id}, gen_random_uuid(), s.id, ${today}, ${person!.id}, 'delivery', array['低盐', '低糖'], 'booked', 'staff', now(), s.price_cents from meal_sittings s where s.meal = 'lunch'
      returning id`);
    return { bookingId: booked[0]!.id, residentId: person!.id, mobile };
  });
}

/**
 * A lunch booked by staff `daysAhead` days from today (before its cut-off) for a new person of 金元社区 in a building
 * of the grid whose worker is `gridWorkerMobile`: what that grid worker may cancel (they may book for them).
 */
export async function lunchBookedInGrid(gridWorkerMobile = '13800000006', daysAhead = 2): Promise<{ bookingId: string; nameHint: string; day: string }> {
  const id = await communityId('jinyuan');
  const day = new Date(Date.now() + 8 * 3600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);
  const stamp = Date.now().toString(36).slice(-5);
  const cipher = demoCipher();
  return withTenant(db, id, async (tx) => {
    const found = await tx.execute<{ id: string }>(sql`select b.id from buildings b join grids g on g.tenant_id = b.tenant_id and g.id = b.grid_id
      join users u on u.id = g.grid_worker_id where u.mobile = ${gridWorkerMobile} order by b.name limit 1`);
    if (!found[0]) throw new Error('the grid worker has no building');
    const nameHint = `取*${stamp}`; // unique on the list (a masked name alone repeats across runs)
    const [person] = await tx
      .insert(residents)
      .values({ tenantId: id, nameEnc: cipher.encrypt(`取消${stamp}`), nameHint, birth: '1943-03-01', buildingId: found[0].id, unit: '2', room: '202', status: 'active' })
      .returning({ id: residents.id });
    const booked = await tx.execute<{ id: string }>(sql`insert into meal_bookings (tenant_id, id, sitting_id, day, resident_id, mode, diets, status, booked_by, queued_at, price_cents)
      select ${id}, gen_random_uuid(), s.id, ${day}, ${person!.id}, 'dine_in', '{}'::text[], 'booked', 'staff', now(), s.price_cents from meal_sittings s where s.meal = 'lunch'
      returning id`);
    return { bookingId: booked[0]!.id, nameHint, day };
  });
}

/**
 * A person of 金元社区's register aged 81 or more (高龄 in the demo subsidy rules) with no meal booked from today on:
 * the resident of the elders' e2e, who books their own lunch on 我的.
 */
export async function elderWithoutMeals(): Promise<string> {
  const id = await communityId('jinyuan');
  return withTenant(db, id, async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`select r.id from residents r
      where r.status = 'active' and r.building_id is not null and r.birth <= to_char(now() at time zone 'Asia/Shanghai' - interval '81 years', 'YYYY-MM-DD')
        and not exists (select 1 from meal_bookings b where b.tenant_id = r.tenant_id and b.resident_id = r.id and b.day >= (now() at time zone 'Asia/Shanghai')::date)
      order by r.birth desc limit 1`);
    if (!rows[0]) throw new Error('no elder of 81 or more without meals in the demo register');
    return rows[0].id;
  });
}

/**
 * A lunch booked by staff for `residentId` of 金元社区 `daysAhead` days from today (China time), past the days 我的
 * offers for booking: what 我的 must still list with its 取消 (issue 19's tester saw such a booking without one).
 * Returns the booking's id and day.
 */
export async function mealBookedLater(residentId: string, daysAhead = 12): Promise<{ id: string; day: string }> {
  const tenantId = await communityId('jinyuan');
  const day = new Date(Date.now() + 8 * 3600_000 + daysAhead * 86_400_000).toISOString().slice(0, 10);
  return withTenant(db, tenantId, async (tx) => {
    const [sitting] = await tx.select({ id: mealSittings.id, priceCents: mealSittings.priceCents }).from(mealSittings).where(eq(mealSittings.meal, 'lunch')).limit(1);
    if (!sitting) throw new Error('no lunch sitting in the demo station');
    const [row] = await tx
      .insert(mealBookings)
      .values({ tenantId, sittingId: sitting.id, day, residentId, mode: 'dine_in', status: 'booked', bookedBy: 'staff', queuedAt: new Date(), priceCents: sitting.priceCents })
      .returning({ id: mealBookings.id });
    return { id: row!.id, day };
  });
}

/**
 * A parent of 金元社区 and the daughter who books for them on 我的 (her family contact in the register), with two lunches
 * she booked for him, `daysAhead` and `daysAhead + 1` days from today (before their cut-off): what the office or the
 * parent may cancel, and what she then reads on 我的. Returns the two people (the parent's masked name) and bookings.
 */
export async function familyBookedLunches(daysAhead = 5): Promise<{ parent: string; parentName: string; daughter: string; bookings: { id: string; day: string }[] }> {
  const tenantId = await communityId('jinyuan');
  const stamp = Date.now().toString(36).slice(-5);
  const cipher = demoCipher();
  const day = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
  return withTenant(db, tenantId, async (tx) => {
    const [building] = await tx.select({ id: buildings.id }).from(buildings).limit(1);
    const [sitting] = await tx.select({ id: mealSittings.id, priceCents: mealSittings.priceCents }).from(mealSittings).where(eq(mealSittings.meal, 'lunch')).limit(1);
    if (!sitting || !building) throw new Error('no lunch sitting or building in the demo');
    const parentName = `父亲${stamp}`;
    const nameHint = `父*${stamp}`; // unique on the bookings list (a masked name alone repeats across runs)
    const [parent] = await tx.insert(residents).values({ tenantId, nameEnc: cipher.encrypt(parentName), nameHint, birth: '1941-04-01', buildingId: building.id, unit: '1', room: '301', status: 'active' }).returning({ id: residents.id });
    const [daughter] = await tx.insert(residents).values({ tenantId, nameEnc: cipher.encrypt(`女儿${stamp}`), nameHint: maskName(`女儿${stamp}`), birth: '1970-04-01', status: 'active' }).returning({ id: residents.id });
    await tx.execute(sql`insert into resident_links (tenant_id, id, resident_id, other_id, kind, relation) values (${tenantId}, gen_random_uuid(), ${parent!.id}, ${daughter!.id}, 'family_contact', '女儿')`);
    const bookings = [];
    for (const n of [daysAhead, daysAhead + 1]) {
      const [row] = await tx
        .insert(mealBookings)
        .values({ tenantId, sittingId: sitting.id, day: day(n), residentId: parent!.id, mode: 'dine_in', status: 'booked', bookedBy: 'family', bookedByResidentId: daughter!.id, queuedAt: new Date(), priceCents: sitting.priceCents })
        .returning({ id: mealBookings.id });
      bookings.push({ id: row!.id, day: day(n) });
    }
    return { parent: parent!.id, parentName: nameHint, daughter: daughter!.id, bookings };
  });
}

/**
 * A resident signed in to 我的 as the register person `residentId` (the row the text-message sign-in makes, decision
 * 035; me.e2e goes through the real sign-in). Returns the cookie to add to the browser context.
 */
export async function residentSessionCookie(slug: string, residentId: string, baseUrl: string) {
  const id = await communityId(slug);
  const token = randomBytes(32).toString('base64url');
  await withTenant(db, id, (tx) =>
    tx.insert(residentSessions).values({ tenantId: id, id: createHash('sha256').update(token).digest('hex'), mobileIndex: `e2e-${residentId}`, mobileHint: '138****0019', residentId, expiresAt: new Date(Date.now() + 86_400_000) }),
  );
  return { name: 'shequ_resident', value: token, url: baseUrl };
}

/** Fills a senior-school course of 金元社区 (found by its title) with someone else than `exceptResidentId`: enrolled. */
export async function fillCourse(title: string, exceptResidentId: string): Promise<void> {
  const id = await communityId('jinyuan');
  await withTenant(db, id, async (tx) => {
    await tx.execute(sql`insert into school_enrolments (tenant_id, id, course_id, resident_id, status, queued_at, decided_at, booked_by)
      select ${id}, gen_random_uuid(), c.id, (select r.id from residents r where r.status = 'active' and r.id <> ${exceptResidentId} order by r.id limit 1), 'enrolled', now(), now(), 'staff'
      from school_courses c where c.title = ${title}`);
  });
}

/**
 * Visiting care (issue 20): how many visits and cases the server holds for some people of 金元社区 since a moment
 * (visits by when they arrived, cases by when they were filed), and the open offline-edit conflicts of a person.
 */
export async function careCounts(residentIds: string[], since: Date): Promise<{ visits: number; cases: number; conflicts: number }> {
  const id = await communityId('jinyuan');
  return withTenant(db, id, async (tx) => {
    const list = sql.join(residentIds.map((r) => sql`${r}::uuid`), sql`, `);
    const [v] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from care_visits where tenant_id = ${id} and resident_id in (${list}) and received_at >= ${since.toISOString()}::timestamptz`);
    const [c] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from cases where tenant_id = ${id} and resident_id in (${list}) and created_at >= ${since.toISOString()}::timestamptz`);
    const [k] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from care_offline_edits where tenant_id = ${id} and resident_id in (${list}) and status = 'conflict'`);
    return { visits: Number(v!.n), cases: Number(c!.n), conflicts: Number(k!.n) };
  });
}

/**
 * Visiting care (issue 20): the visits of some people of 金元社区 that arrived since a moment, with who recorded them
 * (the visitor's mobile) and the stored photo's key, oldest first.
 */
export async function careVisitsSince(
  residentIds: string[],
  since: Date,
): Promise<{ id: string; residentId: string; note: string | null; visitorMobile: string | null; photoPath: string | null; offline: boolean; latitude: string | null; longitude: string | null }[]> {
  const id = await communityId('jinyuan');
  const rows = await withTenant(db, id, (tx) =>
    tx.execute<{ id: string; resident_id: string; note: string | null; visitor_id: string; photo_path: string | null; offline: boolean; latitude: string | null; longitude: string | null }>(
      sql`select id, resident_id, note, visitor_id, photo_path, offline, latitude::text, longitude::text from care_visits where tenant_id = ${id} and resident_id in (${sql.join(
        residentIds.map((r) => sql`${r}::uuid`),
        sql`, `,
      )}) and received_at >= ${since.toISOString()}::timestamptz order by received_at`,
    ),
  );
  const mobiles = new Map((await db.select({ id: users.id, mobile: users.mobile }).from(users)).map((u) => [u.id, u.mobile]));
  return rows.map((r) => ({ id: r.id, residentId: r.resident_id, note: r.note, visitorMobile: mobiles.get(r.visitor_id) ?? null, photoPath: r.photo_path, offline: r.offline, latitude: r.latitude, longitude: r.longitude }));
}

/** Visiting care (issue 20): the person a recipient of 金元社区 is paired with (care_recipients.volunteer_id), or null. */
export async function careVolunteerOf(residentId: string): Promise<string | null> {
  const id = await communityId('jinyuan');
  const [row] = await withTenant(db, id, (tx) => tx.execute<{ volunteer_id: string | null }>(sql`select volunteer_id from care_recipients where tenant_id = ${id} and resident_id = ${residentId}`));
  return row?.volunteer_id ?? null;
}

/**
 * A stored photo's bytes as the web keeps them (PHOTO_STORAGE_DIR, which the test runner gives web and e2e alike;
 * by default the runner's .local/test-results/photos), or null.
 */
export function storedPhoto(key: string): Buffer | null {
  const root = process.env.PHOTO_STORAGE_DIR ?? path.resolve(fileURLToPath(new URL('../..', import.meta.url)), '.local/test-results/photos');
  try {
    return readFileSync(path.join(root, key));
  } catch {
    return null;
  }
}

/**
 * A phone photo as a camera writes it (16×8 JPEG): EXIF with the phone's make (TestPhone), orientation 6, an ICC
 * profile and a GPS position in 贵阳 (26°34′12.34″N 106°38′E); made with sharp as cases.int makes its own.
 */
export const EXIF_GPS_JPEG = Buffer.from(
  '/9j/4QFERXhpZgAASUkqAAgAAAAIAA8BAgAKAAAAfgAAABIBAwABAAAABgAAABoBBQABAAAAbgAAABsBBQABAAAAdgAAACgBAwABAAAAAgAAABMCAwABAAAAAQAAAGmHBAABAAAAiAAAACWIBAABAAAA1gAAAAAAAABIAAAAAQAAAEgAAAABAAAAVGVzdFBob25lAAYAAJAHAAQAAAAwMjEwAZEHAAQAAAABAgMAAKAHAAQAAAAwMTAwAaADAAEAAAD//wAAAqAEAAEAAAAQAAAAA6AEAAEAAAAIAAAAAAAAAAQAAQACAAIAAABOAAAAAgAFAAMAAAAkAQAAAwACAAIAAABFAAAABAAFAAMAAAAMAQAAAAAAAGoAAAABAAAAJgAAAAEAAAAAAAAAAQAAABoAAAABAAAAIgAAAAEAAADSBAAAZAAAAP/iAfBJQ0NfUFJPRklMRQABAQAAAeBsY21zBCAAAG1udHJSR0IgWFlaIAfiAAMAFAAJAA4AHWFjc3BNU0ZUAAAAAHNhd3NjdHJsAAAAAAAAAAAAAAAAAAD21gABAAAAANMtaGFuZHnpv1ZaPgG2gyOFVUb3T6oAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACmRlc2MAAAD8AAAAJGNwcnQAAAEgAAAAInd0cHQAAAFEAAAAFGNoYWQAAAFYAAAALHJYWVoAAAGEAAAAFGdYWVoAAAGYAAAAFGJYWVoAAAGsAAAAFHJUUkMAAAHAAAAAIGdUUkMAAAHAAAAAIGJUUkMAAAHAAAAAIG1sdWMAAAAAAAAAAQAAAAxlblVTAAAACAAAABwAcwBSAEcAQm1sdWMAAAAAAAAAAQAAAAxlblVTAAAABgAAABwAQwBDADAAAFhZWiAAAAAAAAD21gABAAAAANMtc2YzMgAAAAAAAQw/AAAF3f//8yYAAAeQAAD9kv//+6H///2iAAAD3AAAwHFYWVogAAAAAAAAb6AAADjyAAADj1hZWiAAAAAAAABilgAAt4kAABjaWFlaIAAAAAAAACSgAAAPhQAAtsRwYXJhAAAAAAADAAAAAmZpAADypwAADVkAABPQAAAKW//bAEMABgQFBgUEBgYFBgcHBggKEAoKCQkKFA4PDBAXFBgYFxQWFhodJR8aGyMcFhYgLCAjJicpKikZHy0wLSgwJSgpKP/bAEMBBwcHCggKEwoKEygaFhooKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKP/AABEIAAgAEAMBIgACEQEDEQH/xAAVAAEBAAAAAAAAAAAAAAAAAAAABv/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAVAQEBAAAAAAAAAAAAAAAAAAAFB//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AI4AIqT/2Q==',
  'base64',
);

/**
 * Visiting care (issue 20): the care roster's counts per state of a community (or one grid, by name) computed here
 * from the tables, on their own, to check the roster page against — by the written definitions (windowState): each
 * active recipient counts once, by the window that matters now (the earliest not visited, overdue first, then due
 * soon, due, upcoming; else the latest visited); visited and visited late count as visited.
 */
export async function careRosterCounts(slug: string, gridName?: string): Promise<{ all: number; overdue: number; due_soon: number; due: number; upcoming: number; visited: number }> {
  const id = await communityId(slug);
  const rows = await withTenant(db, id, async (tx) => {
    // The community's rules today: the newest version in force, else the defaults (DEFAULT_CARE_RULES).
    const [rule] = await tx.execute<{ days: number }>(
      sql`select (rules->>'dueSoonDays')::int as days from care_rule_sets where tenant_id = ${id} and effective_from <= (now() at time zone 'Asia/Shanghai')::date order by effective_from desc limit 1`,
    );
    const days = Number(rule?.days ?? DEFAULT_CARE_RULES.dueSoonDays);
    return tx.execute<{ state: string | null; n: number }>(sql`
      with people as (
        select cr.resident_id
          from care_recipients cr
          join residents r on r.tenant_id = cr.tenant_id and r.id = cr.resident_id
          left join buildings b on b.tenant_id = r.tenant_id and b.id = r.building_id
          left join grids g on g.tenant_id = b.tenant_id and g.id = b.grid_id
         where cr.tenant_id = ${id} and cr.active ${gridName ? sql`and g.name = ${gridName}` : sql``}
      ), states as (
        select w.resident_id, w.visit_id is not null as met, w.closes_at,
               case when w.visited_at is not null then 'visited'
                    when now() < w.opens_at then 'upcoming'
                    when now() >= w.closes_at then 'overdue'
                    when now() >= greatest(w.opens_at, w.closes_at - make_interval(days => ${days})) then 'due_soon'
                    else 'due' end as state
          from care_windows w join people p on p.resident_id = w.resident_id
         where w.tenant_id = ${id}
      ), ranked as (
        select resident_id, state, row_number() over (
                 partition by resident_id
                 order by met,
                          case when met then 0 else array_position(array['overdue', 'due_soon', 'due', 'upcoming'], state) end,
                          case when met then null else closes_at end asc,
                          case when met then closes_at end desc) as n
          from states
      )
      select k.state, count(*)::int as n from people p left join ranked k on k.resident_id = p.resident_id and k.n = 1 group by k.state`);
  });
  const out = { all: 0, overdue: 0, due_soon: 0, due: 0, upcoming: 0, visited: 0 };
  for (const r of rows) {
    out.all += Number(r.n);
    if (r.state) out[r.state as keyof typeof out] += Number(r.n);
  }
  return out;
}

/** A person of 金元社区 as the register holds them now (their room), and the phone's edits of them by id: status. */
export async function residentRoomAndEdits(residentId: string): Promise<{ room: string | null; edits: Record<string, string> }> {
  const id = await communityId('jinyuan');
  return withTenant(db, id, async (tx) => {
    const [r] = await tx.execute<{ room: string | null }>(sql`select room from residents where tenant_id = ${id} and id = ${residentId}`);
    const edits = await tx.execute<{ id: string; status: string }>(sql`select id, status from care_offline_edits where tenant_id = ${id} and resident_id = ${residentId}`);
    return { room: r?.room ?? null, edits: Object.fromEntries(edits.map((e) => [e.id, e.status])) };
  });
}

/** Someone changes a person of 金元社区 on the server (their room), as an online edit would: a new version. */
export async function changeResidentRoom(residentId: string, room: string): Promise<void> {
  const id = await communityId('jinyuan');
  await withTenant(db, id, (tx) => tx.execute(sql`update residents set room = ${room}, updated_at = now() where tenant_id = ${id} and id = ${residentId}`));
}

/**
 * Visiting care (issue 20): the monthly visit rate per tier of a community computed here from its care windows, on
 * their own, to check the dashboards' figures against — by the written definition: the windows whose end falls in
 * the month (China time); due = visited, or ended by now; on time = visited before the end. With `gridName`, one
 * grid's (the care management page's grid filter).
 */
export async function careRateFigures(slug: string, month: string, gridName?: string): Promise<Record<'high' | 'priority' | 'regular' | 'total', { due: number; onTime: number }>> {
  const id = await communityId(slug);
  // One grid's (by name): the windows of the people living in its buildings.
  const inGrid = gridName
    ? sql`and resident_id in (select r.id from residents r join buildings b on b.tenant_id = r.tenant_id and b.id = r.building_id join grids g on g.tenant_id = b.tenant_id and g.id = b.grid_id where r.tenant_id = ${id} and g.name = ${gridName})`
    : sql``;
  const rows = await withTenant(db, id, (tx) =>
    tx.execute<{ tier: string; due: number; on_time: number }>(sql`
      select tier, count(*)::int as due, count(*) filter (where visited_at is not null and visited_at < closes_at)::int as on_time
        from care_windows
       where tenant_id = ${id} ${inGrid}
         and to_char((closes_at - interval '1 millisecond') at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}
         and (visited_at is not null or closes_at <= now())
       group by tier`),
  );
  const out = { high: { due: 0, onTime: 0 }, priority: { due: 0, onTime: 0 }, regular: { due: 0, onTime: 0 }, total: { due: 0, onTime: 0 } };
  for (const r of rows) {
    const t = out[r.tier as 'high' | 'priority' | 'regular'];
    if (!t) continue;
    t.due = Number(r.due);
    t.onTime = Number(r.on_time);
    out.total.due += t.due;
    out.total.onTime += t.onTime;
  }
  return out;
}

/**
 * A volunteer of 金元社区 who can sign in with a text-message code (a person of the register with this mobile, sealed
 * with the running product's key as the seed does, and their volunteer record with consent today), and a team led
 * by a party member of the register and run in the console by the demo volunteer leader (13800000007), with a
 * published activity and one shift starting in an hour (open for sign-up). Names carry a stamp so runs never collide.
 */
export async function createVolunteerShift(slug = 'jinyuan', options: { title?: string; teamName?: string } = {}) {
  const tenantId = await communityId(slug);
  const stamp = Date.now().toString(36).slice(-5);
  const mobile = `1378${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const [leader] = await db.select({ id: users.id }).from(users).where(eq(users.mobile, '13800000007'));
  const cipher = demoCipher();
  return withTenant(db, tenantId, async (tx) => {
    const [person] = await tx
      .insert(residents)
      .values({ tenantId, nameEnc: cipher.encrypt(`志愿${stamp}`), nameHint: maskName(`志愿${stamp}`), mobileEnc: cipher.encrypt(mobile), mobileHint: maskMobile(mobile), mobileIndex: cipher.blindIndex('mobile', mobile), birth: '1990-05-01', status: 'active' })
      .returning({ id: residents.id });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await tx.insert(volunteers).values({ tenantId, residentId: person!.id, consentOn: today, skills: ['陪伴'] });
    // Teams are led by a party member of the community (802e634): the seed's first current member.
    const [member] = await tx.select({ residentId: partyMembers.residentId }).from(partyMembers).where(isNull(partyMembers.leftAt)).orderBy(partyMembers.residentId).limit(1);
    if (!member) throw new Error('no party member in the demo register to lead the test team');
    const teamName = options.teamName ?? `测试服务队${stamp}`;
    const [team] = await tx.insert(volunteerTeams).values({ tenantId, name: teamName, leaderResidentId: member.residentId, leaderUserId: leader?.id ?? null }).returning({ id: volunteerTeams.id });
    const title = options.title ?? `楼道清洁${stamp}`;
    const [activity] = await tx.insert(volunteerActivities).values({ tenantId, teamId: team!.id, title, place: '3栋楼道', status: 'published', publishedAt: new Date() }).returning({ id: volunteerActivities.id });
    const start = new Date(Date.now() + 3600_000);
    const [shift] = await tx
      .insert(volunteerShifts)
      .values({ tenantId, activityId: activity!.id, startsAt: start, endsAt: new Date(start.getTime() + 2 * 3600_000), capacity: 5, qrSecret: randomBytes(24).toString('hex') })
      .returning({ id: volunteerShifts.id });
    return { mobile, residentId: person!.id, shiftId: shift!.id, activityId: activity!.id, teamId: team!.id, title, teamName };
  });
}

/**
 * A person of 金元社区's register with a mobile, adult, not a volunteer (issue 17: the register of volunteers offers
 * its form only to such a person). Names carry a stamp so runs never collide.
 */
export async function createRegisterPerson(slug = 'jinyuan', options: { birth?: string | null } = {}): Promise<{ mobile: string; residentId: string }> {
  const tenantId = await communityId(slug);
  const stamp = Date.now().toString(36).slice(-5);
  const mobile = `1379${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const cipher = demoCipher();
  const [person] = await withTenant(db, tenantId, (tx) =>
    tx
      .insert(residents)
      .values({ tenantId, nameEnc: cipher.encrypt(`居民${stamp}`), nameHint: maskName(`居民${stamp}`), mobileEnc: cipher.encrypt(mobile), mobileHint: maskMobile(mobile), mobileIndex: cipher.blindIndex('mobile', mobile), birth: options.birth === undefined ? '1985-03-01' : options.birth, status: 'active' })
      .returning({ id: residents.id }),
  );
  return { mobile, residentId: person!.id };
}

/**
 * Moves a shift in time so that it started `startedMinutesAgo` minutes ago and ends in an hour, and backdates a
 * volunteer's check-in to `checkedInMinutesAgo` (when given): the e2e cannot wait two hours for a shift to be
 * served, so it moves the clock of the rows instead (the use cases still judge windows against the real time).
 */
export async function moveShift(shiftId: string, startedMinutesAgo: number, checkIn?: { residentId: string; minutesAgo: number }, slug = 'jinyuan') {
  const tenantId = await communityId(slug);
  await withTenant(db, tenantId, async (tx) => {
    await tx
      .update(volunteerShifts)
      .set({ startsAt: new Date(Date.now() - startedMinutesAgo * 60_000), endsAt: new Date(Date.now() + 3600_000) })
      .where(and(eq(volunteerShifts.tenantId, tenantId), eq(volunteerShifts.id, shiftId)));
    if (checkIn)
      await tx
        .update(volunteerSignups)
        .set({ checkedInAt: new Date(Date.now() - checkIn.minutesAgo * 60_000) })
        .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, shiftId), eq(volunteerSignups.residentId, checkIn.residentId)));
  });
}

/** A small wish on 金元社区's wish wall (issue 17), as staff would put it there; returns its title. */
export async function createWallWish(slug = 'jinyuan'): Promise<string> {
  const tenantId = await communityId(slug);
  const title = `想要一副象棋${Date.now().toString(36).slice(-4)}`;
  await withTenant(db, tenantId, (tx) => tx.insert(wishWallItems).values({ tenantId, title, publicText: '一位爱下棋的老人想要一副新象棋。' }));
  return title;
}

/** A wish on 金元社区's wall claimed by the volunteer `residentId` (active, promised in three days); returns its title. */
export async function createClaimedWallWish(residentId: string, slug = 'jinyuan'): Promise<string> {
  const tenantId = await communityId(slug);
  const title = `想学用手机挂号${Date.now().toString(36).slice(-4)}`;
  const promisedOn = new Date(Date.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
  await withTenant(db, tenantId, async (tx) => {
    const [item] = await tx.insert(wishWallItems).values({ tenantId, title, publicText: '一位独居老人想学会用手机挂号。', status: 'claimed' }).returning({ id: wishWallItems.id });
    await tx.insert(wishClaims).values({ tenantId, itemId: item!.id, residentId, promisedOn, status: 'active' });
  });
  return title;
}

/**
 * A resident's wish to 金元社区 (submitted, not yet accepted) with a number to be told on, as the QR form makes it;
 * returns its id. For the path wish → activity → closed with its report → wish resolved (issue 17).
 */
export async function createResidentWish(content: string, slug = 'jinyuan'): Promise<string> {
  const tenantId = await communityId(slug);
  const [category] = await withTenant(db, tenantId, (tx) => tx.select({ id: categories.id }).from(categories).where(eq(categories.tenantId, tenantId)).limit(1));
  const mobile = `1395${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const deps = { cipher: demoCipher(), storage: localPhotoStorage(path.join(process.env.TMPDIR ?? '/tmp', 'shequ-e2e-wishes')) };
  return (await submitCase(db, anonymousCaller(), { tenantId, categoryId: category!.id, content, consent: true, mobile, photos: [], channel: 'qr', deps })).id;
}

/** A case's status and resolution (金元社区). */
export async function caseStatusOf(caseId: string, slug = 'jinyuan'): Promise<{ status: string; resolution: string | null }> {
  const tenantId = await communityId(slug);
  const [row] = await withTenant(db, tenantId, (tx) => tx.select({ status: cases.status, resolution: cases.resolution }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId))));
  return row!;
}

/** Records when a volunteer of the register can serve (as the office does when registering them), for the leader to see. */
export async function setVolunteerAvailability(residentId: string, availability: string, slug = 'jinyuan') {
  const tenantId = await communityId(slug);
  await withTenant(db, tenantId, (tx) => tx.update(volunteers).set({ availability }).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, residentId))));
}

/**
 * For the services desk's e2e (issue 19): three elders and a child of 金元社区's register, each found by a mobile of
 * their own (sealed with the running product's key, as the seed does), and a slot of the demo's 助洁 (60 and over)
 * tomorrow at 10:xx China time with five places. Names carry a stamp so runs never collide;
 * removeServiceDeskFixture takes the slot and its bookings away again.
 */
export async function serviceDeskFixture() {
  const tenantId = await communityId('jinyuan');
  const stamp = Date.now().toString(36).slice(-5);
  const cipher = demoCipher();
  const day = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  return withTenant(db, tenantId, async (tx) => {
    const person = async (name: string, birth: string) => {
      const mobile = `1376${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      const [row] = await tx
        .insert(residents)
        .values({ tenantId, nameEnc: cipher.encrypt(name), nameHint: maskName(name), mobileEnc: cipher.encrypt(mobile), mobileHint: maskMobile(mobile), mobileIndex: cipher.blindIndex('mobile', mobile), birth, status: 'active' })
        .returning({ id: residents.id });
      return { id: row!.id, mobile, name };
    };
    const [service] = await tx.select({ id: elderServices.id, name: elderServices.name }).from(elderServices).where(eq(elderServices.kind, 'cleaning')).limit(1);
    if (!service) throw new Error('no cleaning help (助洁) in the demo station');
    await tx.update(elderServices).set({ minAge: 60 }).where(and(eq(elderServices.tenantId, tenantId), eq(elderServices.id, service.id)));
    const minute = String(randomInt(0, 60)).padStart(2, '0');
    const second = String(randomInt(0, 60)).padStart(2, '0');
    const [slot] = await tx
      .insert(elderServiceSlots)
      .values({ tenantId, serviceId: service.id, startsAt: new Date(`${day}T10:${minute}:${second}+08:00`), capacity: 5, place: `测试${stamp}` })
      .returning({ id: elderServiceSlots.id });
    return {
      day,
      slotId: slot!.id,
      service: service.name,
      elders: [await person(`王秀${stamp}`, '1941-03-12'), await person(`李桂${stamp}`, '1943-07'), await person(`赵德${stamp}`, '1945-11-02')],
      child: await person(`小明${stamp}`, '2018-06-01'),
    };
  });
}

/**
 * Moves the desk's slot so that it started `minutesAgo` minutes ago (as moveShift does for a shift: the e2e cannot
 * wait for tomorrow, so it moves the clock of the row; the use cases still judge "started" against the real time).
 * Returns the slot's China day now.
 */
export async function startServiceSlot(slotId: string, minutesAgo: number): Promise<string> {
  const tenantId = await communityId('jinyuan');
  const startsAt = new Date(Date.now() - minutesAgo * 60_000 - randomInt(0, 1000));
  await withTenant(db, tenantId, (tx) => tx.update(elderServiceSlots).set({ startsAt }).where(and(eq(elderServiceSlots.tenantId, tenantId), eq(elderServiceSlots.id, slotId))));
  return new Date(startsAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Removes the desk's slot and its bookings (serviceDeskFixture). */
export async function removeServiceDeskFixture(slotId: string): Promise<void> {
  const tenantId = await communityId('jinyuan');
  await withTenant(db, tenantId, async (tx) => {
    await tx.delete(elderServiceBookings).where(and(eq(elderServiceBookings.tenantId, tenantId), eq(elderServiceBookings.slotId, slotId)));
    await tx.delete(elderServiceSlots).where(and(eq(elderServiceSlots.tenantId, tenantId), eq(elderServiceSlots.id, slotId)));
  });
}

/**
 * Moves a meal booking made on 我的 (for a later day: a lunch's cut-off is the day before at 16:00) to today, so the
 * counter can serve that very booking. The running server judges "today" by the real clock and has, on purpose, no
 * clock a test could set; so, as moveShift does, the e2e moves the row's day instead of the time. Returns the day.
 */
export async function moveMealBookingToToday(bookingId: string): Promise<string> {
  const tenantId = await communityId('jinyuan');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await withTenant(db, tenantId, (tx) => tx.execute(sql`update meal_bookings set day = ${today} where tenant_id = ${tenantId} and id = ${bookingId}`));
  return today;
}

/**
 * Moves a scheduled occurrence of a service post of 金元社区 to start now (to the minute), so its check-in code is
 * inside its window (two hours before the start to the end of its day), as the services desk's e2e moves a slot.
 */
export async function moveOccurrenceToNow(occurrenceId: string): Promise<void> {
  const id = await communityId('jinyuan');
  await withTenant(db, id, (tx) => tx.execute(sql`update service_occurrences set starts_at = date_trunc('minute', now()) where tenant_id = ${id} and id = ${occurrenceId} and status = 'scheduled'`));
}

/**
 * Backdates every check-in of a shift that has not checked out to `minutesAgo` minutes ago (the e2e cannot wait for
 * time to be served, as moveShift; the use cases still judge windows against the real time).
 */
export async function backdateCheckIns(shiftId: string, minutesAgo: number, slug = 'jinyuan') {
  const tenantId = await communityId(slug);
  await withTenant(db, tenantId, (tx) =>
    tx
      .update(volunteerSignups)
      .set({ checkedInAt: new Date(Date.now() - minutesAgo * 60_000) })
      .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.shiftId, shiftId), isNotNull(volunteerSignups.checkedInAt), isNull(volunteerSignups.checkedOutAt))),
  );
}

/** A partner unit of 金元社区 by its name (issue 18: the committee's register), for its report's address. */
export async function partnerUnitIdByName(name: string): Promise<string> {
  const id = await communityId('jinyuan');
  const [unit] = await withTenant(db, id, (tx) => tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.tenantId, id), eq(partnerUnits.name, name))));
  return unit!.id;
}

/**
 * Moves a consultation meeting of 金元社区 to have started `minutesAgo` minutes ago (to the minute): the e2e cannot
 * wait for the day of the meeting, and attendance, votes and decisions are taken only once it is on (decision 062).
 * The use cases still judge against the real time.
 */
export async function startMeeting(meetingId: string, minutesAgo: number): Promise<void> {
  const id = await communityId('jinyuan');
  await withTenant(db, id, (tx) => tx.execute(sql`update consultation_meetings set starts_at = date_trunc('minute', now()) - (${minutesAgo}::int * interval '1 minute'), ends_at = null where tenant_id = ${id} and id = ${meetingId}`));
}

/**
 * Ends a decision's notice period (公示期, seven days by default) a minute ago: the e2e cannot wait a week before the
 * decision is carried out, so it moves the row's clock (reportActionProgress still judges against the real time).
 */
export async function endDecisionNotice(decisionId: string): Promise<void> {
  const id = await communityId('jinyuan');
  await withTenant(db, id, (tx) => tx.execute(sql`update consultation_decisions set notice_ends_at = now() - interval '1 minute' where tenant_id = ${id} and id = ${decisionId}`));
}

/**
 * An action item of the demo's decisions not yet done (the seed's 增设休闲座椅和晾晒架, at 0%), with its decision: for
 * the progress form (a refused report changes nothing; a saved one moves it, which no other file reads).
 */
export async function openActionItem(slug = 'jinyuan'): Promise<{ decisionId: string; itemId: string; title: string }> {
  const tenantId = await communityId(slug);
  const [row] = await withTenant(db, tenantId, (tx) =>
    tx.select({ decisionId: actionItems.decisionId, itemId: actionItems.id, title: actionItems.title }).from(actionItems).where(and(eq(actionItems.title, '增设休闲座椅和晾晒架'), isNull(actionItems.completedAt))),
  );
  return row!;
}

/**
 * A course of 金元's current term that draws its one place (抽签), with two residents applied on their behalf by the
 * admin, as the office would before allocating: `{ courseId, title }`.
 */
export async function drawCourseWithApplicants(): Promise<{ courseId: string; title: string }> {
  const tenantId = await communityId('jinyuan');
  const admin = await staffCallerFor(db, '13800000004', tenantId);
  return withTenant(db, tenantId, async (tx) => {
    const [term] = await tx.select({ id: schoolTerms.id }).from(schoolTerms).orderBy(desc(schoolTerms.endsOn)).limit(1);
    const title = `抽签课${Date.now() % 100_000}`;
    const course = await createSchoolCourse(tx, admin, { termId: term!.id, title, weekday: 6, startsAt: '14:00', endsAt: '15:00', room: `活动室（${title}）`, capacity: 1, fee: '0', rule: 'draw' });
    const people = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.status, 'active'), isNotNull(residents.birth), sql`${residents.birth} < '1960'`)).limit(2);
    for (const p of people) await enrolInCourse(tx, admin, { courseId: course.id, residentId: p.id });
    return { courseId: course.id, title };
  });
}

/** Removes the care rule version a test saved for `day` (a day far ahead, which no window has opened with yet). */
export async function removeCareRuleVersion(day: string, slug = 'jinyuan'): Promise<void> {
  const id = await communityId(slug);
  await withTenant(db, id, async (tx) => {
    await tx.execute(sql`update care_windows set rule_set_id = null where tenant_id = ${id} and rule_set_id in (select r.id from care_rule_sets r where r.tenant_id = ${id} and r.effective_from = ${day})`);
    await tx.execute(sql`delete from care_rule_sets where tenant_id = ${id} and effective_from = ${day}`);
  });
}

/**
 * A notice in a staff member's bell about a case of `slug` (as the deadline engine writes one), removed again by the
 * returned function.
 */
export async function notifyAboutCase(mobile: string, slug: string, caseId: string, code: string): Promise<() => Promise<void>> {
  const userId = await userIdByMobile(mobile);
  const tenant = await communityId(slug);
  // No RETURNING: the row is the staff member's, not readable in the community's context (notifications_own).
  const id = randomUUID();
  await withTenant(db, tenant, (tx) => tx.insert(notifications).values({ id, userId, kind: 'breach', communityId: tenant, subjectType: 'case', subjectId: caseId, data: { code, title: '测试通知' } }));
  return async () => {
    await db.delete(notifications).where(eq(notifications.id, id));
  };
}
