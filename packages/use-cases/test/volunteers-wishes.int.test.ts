import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { deadlines, orgUnits, outbox, partnerUnits, volunteerHours, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addPartyMember,
  anonymousCaller,
  applyToTeam,
  approveShiftHours,
  cancelSignup,
  checkInFromList,
  checkOutFromList,
  claimWish,
  claimWishForPartnerUnit,
  confirmWishLit,
  createActivity,
  createPartyOrg,
  createVolunteerTeam,
  decideTeamApplication,
  enterHoursAfterwards,
  getVolunteerCertificate,
  getVolunteerSettings,
  getWishLitPhoto,
  issueVolunteerCertificate,
  listMyVolunteering,
  listTeamApplications,
  listWishWall,
  listWishWallForStaff,
  publishWishOnWall,
  registerResident,
  registerVolunteer,
  setCertificateSeal,
  signUpForShift,
  type StaffCaller,
  type VolunteerSelf,
} from '../src/index.ts';
import { wakeDeadline } from '../src/deadlines/engine.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage, photoHasMetadata } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 17, the lines volunteers.int does not show: an application declined (and 我的 saying so), a volunteer's
// availability before the leader, the cancellation cut-off refused to the volunteer themselves; the wish wall's
// partner units as claimants (and told when their date passes), the claimant seeing the office's contact, a photo
// when a wish is lit (staff only, metadata stripped), hours recorded on a claim; the certificate's seal image.
const db = seededDatabase();
const cipher = createPersonalDataCipher('5e'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z');
const HOUR = 3600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const storage = localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-volunteer-wishes-')));

let tenantId: string;
let admin: StaffCaller;
let staff: StaffCaller;
let leader: StaffCaller;
let teamId: string;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const self = (residentId: string): VolunteerSelf => ({ kind: 'volunteer', tenantId, residentId });
const mine = (residentId: string, now = NOW) => inJinyuan((tx) => listMyVolunteering(tx, { tenantId, sessionId: 's', mobileIndex: 'i', mobileHint: 'h', residentId, signUpId: null }, {}, now));

async function caller(mobile: string): Promise<StaffCaller> {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
}
let seq = 0;
async function person(birth = '1980-05') {
  seq += 1;
  const mobile = `137${String(30_000_000 + seq).slice(-8)}`;
  const { id } = await inJinyuan((tx) => registerResident(tx, admin, { name: `心愿志愿者${seq}`, birth, mobile, consent: true, consentChannel: 'in_person', cipher, now: NOW }));
  return id;
}
async function volunteer(extra: Record<string, unknown> = {}) {
  const residentId = await person();
  await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId, consent: true, now: NOW, ...extra }));
  return residentId;
}

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  leader = await caller('13800000007');
  const lead = await person('1970-02');
  const org = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '心愿测试党总支' }));
  await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: lead, orgId: org.id, kind: 'local' }));
  teamId = (await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '心愿测试队', focus: '微心愿', leaderResidentId: lead, leaderUserId: leader.actor.userId, recruiting: true }))).id;
  // The office's contact, as certificates carry it.
  await withTenant(db.owner, tenantId, (tx) =>
    tx.execute(sql`insert into volunteer_settings (tenant_id, certificate_person_in_charge, certificate_contact) values (${tenantId}, '张丽', '0851-8479 2026')
      on conflict (tenant_id) do update set certificate_person_in_charge = excluded.certificate_person_in_charge, certificate_contact = excluded.certificate_contact`),
  );
});

describe('applying to a team, and the leader declining', () => {
  it('shows the leader the applicant’s skills and availability; a declined applicant sees it on 我的 and may apply again', async () => {
    const a = await volunteer({ skills: ['急救', '摄影'], availability: '周末上午，工作日晚上' });
    expect((await mine(a)).teams.find((t) => t.id === teamId)?.membership).toBe('none');
    expect(await inJinyuan((tx) => applyToTeam(tx, self(a), { teamId, residentId: a }))).toEqual({ status: 'applied' });
    expect(await refusal(inJinyuan((tx) => applyToTeam(tx, self(a), { teamId, residentId: a })))).toBe('volunteer.team.alreadyApplied');
    expect((await mine(a)).teams.find((t) => t.id === teamId)?.membership).toBe('applied');

    const applications = await inJinyuan((tx) => listTeamApplications(tx, leader));
    expect(applications.find((x) => x.residentId === a)).toMatchObject({ teamId, teamName: '心愿测试队', skills: ['急救', '摄影'], availability: '周末上午，工作日晚上', nameHint: expect.stringMatching(/^心\*+$/) });
    // A grid worker runs no team: sees no application, and may not decide one.
    const grid = await caller('13800000006');
    expect(await inJinyuan((tx) => listTeamApplications(tx, grid))).toEqual([]);
    expect(await refusal(inJinyuan((tx) => decideTeamApplication(tx, grid, { teamId, residentId: a, accept: false })))).toBe('volunteer.team.notFound');

    expect(await inJinyuan((tx) => decideTeamApplication(tx, leader, { teamId, residentId: a, accept: false, now: NOW }))).toEqual({ status: 'declined' });
    expect(await refusal(inJinyuan((tx) => decideTeamApplication(tx, leader, { teamId, residentId: a, accept: true })))).toBe('volunteer.team.notApplied');
    expect((await inJinyuan((tx) => listTeamApplications(tx, leader))).some((x) => x.residentId === a)).toBe(false);
    expect((await mine(a)).teams.find((t) => t.id === teamId)?.membership).toBe('declined');
    const audit = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'volunteer_application_declined' and subject_id = ${teamId}`));
    expect(audit[0]!.n).toBe(1);
    // Applying again is allowed; accepted the second time.
    await inJinyuan((tx) => applyToTeam(tx, self(a), { teamId, residentId: a }));
    expect(await inJinyuan((tx) => decideTeamApplication(tx, leader, { teamId, residentId: a, accept: true }))).toEqual({ status: 'member' });
    expect((await mine(a)).teams.find((t) => t.id === teamId)?.membership).toBe('member');
  });
});

describe('the cancellation cut-off, for the volunteer themselves', () => {
  it('lets a volunteer give up a place until the cut-off (2 hours before), then refuses with its own message; 我的 stops offering it', async () => {
    const start = at(10 * HOUR);
    const { shiftIds } = await inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '截止测试', place: '社区广场', shifts: [{ startsAt: start, endsAt: at(12 * HOUR), capacity: 5 }], publish: true, now: NOW }));
    const v = await volunteer();
    const w = await volunteer();
    const first = await inJinyuan((tx) => signUpForShift(tx, self(v), { shiftId: shiftIds[0]!, residentId: v, now: NOW }));
    const second = await inJinyuan((tx) => signUpForShift(tx, self(w), { shiftId: shiftIds[0]!, residentId: w, now: NOW }));
    const before = (await mine(v)).mine.find((m) => m.signupId === first.id)!;
    expect(new Date(before.cancelUntil!).getTime()).toBe(start.getTime() - 2 * HOUR);
    const late = new Date(start.getTime() - 2 * HOUR + 60_000);
    expect((await mine(v, late)).mine.find((m) => m.signupId === first.id)!.cancelUntil).toBeNull();
    // Issue 17: 我的 then showed only 已报名 with no reason; now it knows the place is closed to cancelling, the
    // cut-off's hours, and whom to call (the community's volunteer office, as on its certificates; no leader's number).
    const closed = await mine(v, late);
    expect(closed.mine.find((m) => m.signupId === first.id)!.cancelClosed).toBe(true);
    expect(closed.cancelCutoff.hours).toBe(2);
    expect(closed.cancelCutoff.office?.name).toBe('金元社区');
    expect(before.cancelClosed).toBe(false);
    expect((await mine(v)).cancelCutoff.office).toBeNull();
    expect((await mine(v, new Date(start.getTime() + 60_000))).mine.find((m) => m.signupId === first.id)!.cancelClosed).toBe(false);
    expect(await refusal(inJinyuan((tx) => cancelSignup(tx, self(v), { signupId: first.id, now: late })))).toBe('volunteer.signup.cutoffPassed');
    // Before the cut-off the other one could.
    const early = new Date(start.getTime() - 3 * HOUR);
    expect((await inJinyuan((tx) => cancelSignup(tx, self(w), { signupId: second.id, now: early }))).promoted).toEqual([]);
  });
});

describe('the wish wall: partner units, contacts, photos and hours', () => {
  let unitId: string;
  beforeAll(async () => {
    const [unit] = await withTenant(db.owner, tenantId, (tx) =>
      tx
        .insert(partnerUnits)
        .values({ tenantId, name: `金元大药房（心愿测试${Date.now()}）`, kind: 'individual_business', contactNameEnc: cipher.encrypt('罗经理'), contactNameHint: '罗**', contactMobileEnc: cipher.encrypt('13900005555'), contactMobileHint: '139****5555' })
        .returning({ id: partnerUnits.id }),
    );
    unitId = unit!.id;
  });

  it('staff record a partner unit’s claim; staff see the unit’s contact; a date not kept returns the wish and texts the unit’s contact, once', async () => {
    const { id: itemId } = await inJinyuan((tx) => publishWishOnWall(tx, staff, { title: '想要一个血压计', publicText: '一位独居老人想在家量血压。' }));
    // Not a unit of this community; a leader may not record claims.
    const [other] = await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.kind} = 'community' and ${orgUnits.id} <> ${tenantId}`).limit(1);
    const [foreign] = await withTenant(db.owner, other!.id, (tx) => tx.insert(partnerUnits).values({ tenantId: other!.id, name: `外社区单位${Date.now()}`, kind: 'enterprise' }).returning({ id: partnerUnits.id }));
    expect(await refusal(inJinyuan((tx) => claimWishForPartnerUnit(tx, staff, { itemId, partnerUnitId: foreign!.id, promisedOn: '2026-12-05', now: NOW })))).toBe('volunteer.wish.unitNotFound');
    expect(await refusal(inJinyuan((tx) => claimWishForPartnerUnit(tx, leader, { itemId, partnerUnitId: unitId, promisedOn: '2026-12-05', now: NOW })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => claimWishForPartnerUnit(tx, staff, { itemId, partnerUnitId: unitId, promisedOn: '2026-11-20', now: NOW })))).toBe('volunteer.wish.promise');

    const claim = await inJinyuan((tx) => claimWishForPartnerUnit(tx, staff, { itemId, partnerUnitId: unitId, promisedOn: '2026-12-05', now: NOW }));
    expect(claim.dueAt.toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(await refusal(inJinyuan((tx) => claimWishForPartnerUnit(tx, staff, { itemId, partnerUnitId: unitId, promisedOn: '2026-12-06', now: NOW })))).toBe('volunteer.wish.taken');
    const wall = await inJinyuan((tx) => listWishWallForStaff(tx, staff));
    expect(wall.items.find((i) => i.id === itemId)!.claim).toMatchObject({ partnerUnitId: unitId, residentId: null, nameHint: expect.stringContaining('金元大药房'), contactHint: '罗**', mobileHint: '139****5555', promisedOn: '2026-12-05' });
    expect(wall.units.some((u) => u.id === unitId)).toBe(true);
    // The public wall shows it claimed, nothing about who.
    const shown = (await inJinyuan((tx) => listWishWall(tx, anonymousCaller(), { tenantId, now: NOW }))).find((w) => w.id === itemId)!;
    expect(shown).toMatchObject({ status: 'claimed', promisedOn: '2026-12-05' });
    expect(JSON.stringify(shown)).not.toContain('药房');

    const [timer] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'wish_claim'), eq(deadlines.subjectId, claim.id)));
    const late = new Date(claim.dueAt.getTime() + 60_000);
    const results = await Promise.all([1, 2].map(() => wakeDeadline(db.app, timer!.id, null, late, tenantId)));
    expect(results.filter((r) => r === 'breached')).toHaveLength(1);
    const told = (await withTenant(db.owner, tenantId, (tx) => tx.select().from(outbox).where(eq(outbox.kind, 'wish_claim_expired')))).filter((m) => m.body.includes('想要一个血压计'));
    expect(told).toHaveLength(1);
    expect(cipher.decrypt(told[0]!.recipient.slice('sealed:'.length))).toBe('13900005555');
    expect((await inJinyuan((tx) => listWishWall(tx, anonymousCaller(), { tenantId, now: late }))).find((w) => w.id === itemId)!.status).toBe('open');
  });

  it('the claimant sees the office’s contact on 我的; staff confirm it lit with a photo (metadata stripped, staff only); hours on the claim are recorded as service', async () => {
    const { id: itemId } = await inJinyuan((tx) => publishWishOnWall(tx, staff, { title: '想学用手机挂号', publicText: '一位老人想学会在手机上挂号。' }));
    const v = await volunteer();
    const other = await volunteer();
    const claim = await inJinyuan((tx) => claimWish(tx, self(v), { itemId, promisedOn: '2026-12-03', now: NOW }));
    const myClaim = (await mine(v)).claims.find((c) => c.id === claim.id)!;
    expect(myClaim).toMatchObject({ status: 'active', office: { name: '金元社区', person: '张丽', contact: '0851-8479 2026' } });
    // Staff see the claimant's masked name and number to call them.
    expect((await inJinyuan((tx) => listWishWallForStaff(tx, staff))).items.find((i) => i.id === itemId)!.claim).toMatchObject({ residentId: v, partnerUnitId: null, mobileHint: expect.stringMatching(/^137\*{4}\d{4}$/) });

    // Not an image: refused beside the photo, and nothing changes.
    expect(await refusal(inJinyuan((tx) => confirmWishLit(tx, staff, { itemId, thanks: '谢谢', photo: new TextEncoder().encode('not an image at all'), storage, now: at(HOUR) })))).toBe('intake.photos.badType');
    expect((await inJinyuan((tx) => listWishWall(tx, anonymousCaller(), { tenantId, now: NOW }))).find((w) => w.id === itemId)!.status).toBe('claimed');

    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'TestPhone', ImageDescription: 'Building 3' } })
      .toBuffer();
    expect(await photoHasMetadata(photo)).toBe(true);
    const lit = await inJinyuan((tx) => confirmWishLit(tx, staff, { itemId, thanks: '学会了，谢谢小伙子！', photo, storage, now: at(HOUR) }));
    expect(lit).toMatchObject({ claimantId: v, claimId: claim.id, photo: true });
    expect((await inJinyuan((tx) => listWishWallForStaff(tx, staff))).items.find((i) => i.id === itemId)).toMatchObject({ status: 'lit', hasPhoto: true });
    const stored = await inJinyuan((tx) => getWishLitPhoto(tx, staff, { itemId }));
    expect(stored.mime).toBe('image/jpeg');
    const bytes = await storage.get(stored.storageKey);
    expect(bytes).not.toBeNull();
    expect(await photoHasMetadata(bytes!)).toBe(false);
    // The public wall says lit with the thanks, and nothing of the photo; a grid worker (no volunteers' records) gets no photo.
    const publicItem = (await inJinyuan((tx) => listWishWall(tx, anonymousCaller(), { tenantId, now: at(HOUR) }))).find((w) => w.id === itemId)!;
    expect(publicItem).toMatchObject({ status: 'lit', thanks: '学会了，谢谢小伙子！' });
    expect(Object.keys(publicItem)).not.toContain('hasPhoto');
    expect(JSON.stringify(publicItem)).not.toContain(stored.storageKey);
    const grid = await caller('13800000006');
    expect(await refusal(inJinyuan((tx) => getWishLitPhoto(tx, grid, { itemId })))).toBe('forbidden');
    expect(await refusal(inJinyuan(async (tx) => getWishLitPhoto(tx, staff, { itemId: (await publishWishOnWall(tx, staff, { title: '无照片', publicText: '无' })).id })))).toBe('volunteer.wish.notFound');
    // The claim is fulfilled: 我的 no longer shows the office to call about it.
    expect((await mine(v, at(HOUR))).claims.find((c) => c.id === claim.id)).toMatchObject({ status: 'fulfilled', office: null });

    // Two hours spent on it, recorded as service on the claim (entered afterwards, pending the leader).
    const entry = await inJinyuan((tx) => enterHoursAfterwards(tx, staff, { residentId: v, teamId, servedFrom: at(-26 * HOUR), servedTo: at(-24 * HOUR), content: '教老人用手机挂号', wishClaimId: claim.id, now: at(HOUR) }));
    expect(entry).toMatchObject({ minutes: 120, needsSecondApproval: false });
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerHours).where(eq(volunteerHours.id, entry.id)));
    expect(row).toMatchObject({ wishClaimId: claim.id, evidence: 'afterwards', residentId: v });
    // Another volunteer's claim, or a claim of nothing, is refused beside the field.
    expect(await refusal(inJinyuan((tx) => enterHoursAfterwards(tx, staff, { residentId: other, teamId, servedFrom: at(-26 * HOUR), servedTo: at(-24 * HOUR), content: '冒用', wishClaimId: claim.id, now: at(HOUR) })))).toBe('volunteer.wish.claimNotFound');
  });
});

describe('the certificate’s seal image', () => {
  it('the admin uploads the seal (metadata stripped), certificates carry it, a new one replaces it, removing it leaves none; others may not', async () => {
    const png = await sharp({ create: { width: 120, height: 120, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    expect(await refusal(inJinyuan((tx) => setCertificateSeal(tx, leader, { image: png, storage })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => setCertificateSeal(tx, admin, { image: null, storage })))).toBe('volunteer.seal.required');
    expect(await refusal(inJinyuan((tx) => setCertificateSeal(tx, admin, { image: new TextEncoder().encode('GIF89a not a seal'), storage })))).toBe('intake.photos.badType');
    expect((await inJinyuan((tx) => getVolunteerSettings(tx, admin))).sealed).toBe(false);
    // A grid worker reads the community's settings, not the volunteer office's (its page opened for them: found from outside).
    expect(await refusal(inJinyuan(async (tx) => getVolunteerSettings(tx, await caller('13800000006'))))).toBe('forbidden');
    expect(await inJinyuan((tx) => setCertificateSeal(tx, admin, { image: png, storage }))).toEqual({ sealed: true });
    expect((await inJinyuan((tx) => getVolunteerSettings(tx, admin))).sealed).toBe(true);

    // A volunteer with approved hours gets a certificate whose print carries the seal's image.
    const v = await volunteer();
    const { shiftIds } = await inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '印章测试活动', place: '党群服务中心', shifts: [{ startsAt: at(-5 * HOUR), endsAt: at(-3 * HOUR), capacity: 3 }], publish: true, now: at(-48 * HOUR) }));
    const signup = await inJinyuan((tx) => signUpForShift(tx, leader, { shiftId: shiftIds[0]!, residentId: v, now: at(-47 * HOUR) }));
    await inJinyuan((tx) => checkInFromList(tx, leader, { signupId: signup.id, now: at(-5 * HOUR) }));
    await inJinyuan((tx) => checkOutFromList(tx, leader, { signupId: signup.id, now: at(-3 * HOUR) }));
    await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId: shiftIds[0]!, now: at(-2 * HOUR) }));
    const cert = await inJinyuan((tx) => issueVolunteerCertificate(tx, self(v), { residentId: v, now: NOW }));
    const printed = await inJinyuan((tx) => getVolunteerCertificate(tx, self(v), { certificateId: cert.id, cipher }));
    expect(printed.sealImageKey).toMatch(new RegExp(`^${tenantId}/seal-[0-9a-f]{16}\\.png$`));
    const first = printed.sealImageKey!;
    const sealBytes = await storage.get(first);
    expect(await photoHasMetadata(sealBytes!)).toBe(false);
    expect((await sharp(sealBytes!).metadata()).hasAlpha).toBe(true);

    // A new seal replaces the old file; removing it leaves certificates without one.
    await inJinyuan((tx) => setCertificateSeal(tx, admin, { image: png, storage }));
    const second = (await inJinyuan((tx) => getVolunteerCertificate(tx, self(v), { certificateId: cert.id, cipher }))).sealImageKey!;
    expect(second).not.toBe(first);
    expect(await storage.get(first)).toBeNull();
    expect(await inJinyuan((tx) => setCertificateSeal(tx, admin, { remove: true, storage }))).toEqual({ sealed: false });
    expect((await inJinyuan((tx) => getVolunteerCertificate(tx, self(v), { certificateId: cert.id, cipher }))).sealImageKey).toBeNull();
    expect(await storage.get(second)).toBeNull();
  });
});
