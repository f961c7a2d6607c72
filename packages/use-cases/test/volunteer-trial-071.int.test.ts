import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, orgUnits, volunteers, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addPartyMember,
  becomeVolunteer,
  checkInByScan,
  checkInFromList,
  claimWish,
  createActivity,
  createPartyOrg,
  createVolunteerTeam,
  getMyShiftAttendance,
  getShiftQr,
  listMyVolunteering,
  looseActivityProblems,
  publishWishOnWall,
  registerResident,
  registerVolunteer,
  registerWalkUp,
  revealWishClaimant,
  signUpForShift,
  type StaffCaller,
  UseCaseError,
  applyToTeam,
  type VolunteerSelf,
} from '../src/index.ts';
import { createActivitySchema, myVolunteeringActionSchema, wishWallPageSchema } from '../src/schemas.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 17, the faults a third outside trial found (decision 071), each as its kind: a claimant's number only masked
// to staff; a resident who is not a volunteer could not apply or sign up from 我的; a second scan at the start checked
// the person out; refusals one layer at a time; numeric and date refusals that named no bound; a 15-year-old at a
// risky activity (登高) without a word.
const db = seededDatabase();
const cipher = createPersonalDataCipher('71'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z'); // 11:00 in China
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let tenantId: string;
let admin: StaffCaller;
let leader: StaffCaller;
let teamId: string;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const self = (residentId: string): VolunteerSelf => ({ kind: 'volunteer', tenantId, residentId });
const resident = (residentId: string) => ({ tenantId, sessionId: 's', mobileIndex: 'i', mobileHint: 'h', residentId, signUpId: null });
const problems = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    if (error instanceof UseCaseError) return error.all.map((x) => [x.code, x.params.field ?? null]);
    throw error;
  }
  throw new Error('expected a refusal');
};

async function caller(mobile: string): Promise<StaffCaller> {
  const actor = await db.actorFor(mobile, tenantId);
  return { actor, ability: defineAbilityFor(actor) };
}
let seq = 0;
async function person(birth = '1980-05') {
  seq += 1;
  const mobile = `136${String(71_000_000 + seq).slice(-8)}`;
  const name = `七一志愿${seq}`;
  const { id } = await inJinyuan((tx) => registerResident(tx, admin, { name, birth, mobile, consent: true, consentChannel: 'in_person', cipher, now: NOW }));
  return { id, mobile, name };
}
async function activity(extra: Record<string, unknown> = {}, start = at(2 * DAY)) {
  return inJinyuan((tx) => createActivity(tx, admin, { teamId, title: '楼道清理', place: '1栋', shifts: [{ startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR), capacity: 10 }], publish: true, now: NOW, ...extra }));
}

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  admin = await caller('13800000004');
  leader = await caller('13800000007');
  const lead = await person('1970-02');
  const org = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '七一测试党总支' }));
  await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: lead.id, orgId: org.id, kind: 'local' }));
  teamId = (await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '七一测试队', focus: '测试', leaderResidentId: lead.id, leaderUserId: leader.actor.userId, recruiting: true }))).id;
});

describe('a wish’s claimant, shown to the office in full (fault 1)', () => {
  it('reveals the claimant’s name and mobile to staff who may reveal, audited; a team leader may not', async () => {
    const v = await person();
    await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: v.id, consent: true, now: NOW }));
    const { id: itemId } = await inJinyuan((tx) => publishWishOnWall(tx, admin, { title: '想要一盏台灯', publicText: '一个孩子晚上写作业想要一盏台灯。' }));
    expect(await refusal(inJinyuan((tx) => revealWishClaimant(tx, admin, { itemId, cipher })))).toBe('volunteer.wish.notClaimed');
    // Not a wish's id at all (a script's post): the same refusal, not PostgreSQL's error on the text.
    expect(await refusal(inJinyuan((tx) => revealWishClaimant(tx, admin, { itemId: 'not-an-id', cipher })))).toBe('volunteer.wish.notClaimed');
    await inJinyuan((tx) => claimWish(tx, self(v.id), { itemId, promisedOn: '2026-12-05', now: NOW }));
    const shown = await inJinyuan((tx) => revealWishClaimant(tx, admin, { itemId, cipher }));
    expect(shown).toEqual({ name: v.name, mobile: v.mobile, unit: null });
    const audited = await withTenant(db.owner, tenantId, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, 'reveal_resident'), eq(auditEvents.subjectId, v.id))));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.detail).toMatchObject({ wishItemId: itemId });
    expect(await refusal(inJinyuan((tx) => revealWishClaimant(tx, leader, { itemId, cipher })))).toBe('forbidden');
    // The page's form for it parses.
    expect(wishWallPageSchema.safeParse({ intent: 'reveal', itemId }).success).toBe(true);
  });
});

describe('a resident who is not a volunteer yet, on 我的 (fault 2)', () => {
  it('is offered the open shifts and teams, and signs up with consent on the way; without consent nothing is recorded', async () => {
    const { id: activityId, shiftIds } = await activity();
    expect(activityId).toBeTruthy();
    const r = await person('1990-03');
    const page = await inJinyuan((tx) => listMyVolunteering(tx, resident(r.id), {}, NOW));
    expect(page).toMatchObject({ volunteer: false, join: { gate: 'adult' } });
    expect(page.open.some((o) => o.shiftId === shiftIds[0])).toBe(true);
    expect(page.teams.some((t) => t.id === teamId)).toBe(true);
    // The form's fields as 我的 posts them.
    expect(myVolunteeringActionSchema.parse({ intent: 'signUp', shiftId: shiftIds[0], consent: 'on' })).toMatchObject({ consent: true });

    expect(await problems(inJinyuan((tx) => becomeVolunteer(tx, self(r.id), { consent: false, now: NOW })))).toEqual([['volunteer.consent.required', 'consent']]);
    const [none] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, r.id))));
    expect(none).toBeUndefined();

    const signed = await inJinyuan(async (tx) => {
      await becomeVolunteer(tx, self(r.id), { consent: true, now: NOW });
      return signUpForShift(tx, self(r.id), { shiftId: shiftIds[0]!, residentId: r.id, now: NOW });
    });
    expect(signed.status).toBe('confirmed');
    expect((await inJinyuan((tx) => listMyVolunteering(tx, resident(r.id), {}, NOW))).volunteer).toBe(true);
    // Again: nothing changes (already a volunteer), and applying to a team goes through.
    expect(await inJinyuan((tx) => becomeVolunteer(tx, self(r.id), { consent: false, now: NOW }))).toEqual({ residentId: r.id, registered: false });
    expect(await inJinyuan((tx) => applyToTeam(tx, self(r.id), { teamId, residentId: r.id }))).toEqual({ status: 'applied' });
  });

  it('two sign-ups of one person at once register them once (the second finds them registered; no error)', async () => {
    const r = await person('1991-04');
    const both = await Promise.all([0, 1].map(() => inJinyuan((tx) => becomeVolunteer(tx, self(r.id), { consent: true, now: NOW }))));
    expect(both.map((b) => b.registered).sort()).toEqual([false, true]);
    const rows = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, r.id))));
    expect(rows).toHaveLength(1);
  });

  it('asks a 15-year-old for a guardian’s consent with their own, and turns away a 12-year-old', async () => {
    const teen = await person('2011-06');
    expect((await inJinyuan((tx) => listMyVolunteering(tx, resident(teen.id), {}, NOW))).join).toEqual({ gate: 'needsGuardian' });
    expect(await problems(inJinyuan((tx) => becomeVolunteer(tx, self(teen.id), { consent: false, now: NOW })))).toEqual([
      ['volunteer.consent.required', 'consent'],
      ['volunteer.guardian.required', 'guardianConsent'],
    ]);
    expect(await inJinyuan((tx) => becomeVolunteer(tx, self(teen.id), { consent: true, guardianConsent: true, guardianName: '王芳', guardianRelation: '母亲', now: NOW }))).toEqual({ residentId: teen.id, registered: true });
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.residentId, teen.id))));
    expect(row).toMatchObject({ guardianName: '王芳', guardianRelation: '母亲', guardianConsentOn: '2026-11-29', consentOn: '2026-11-29', createdBy: null });

    const child = await person('2014-06');
    expect((await inJinyuan((tx) => listMyVolunteering(tx, resident(child.id), {}, NOW))).join).toEqual({ gate: 'tooYoung' });
    expect(await refusal(inJinyuan((tx) => becomeVolunteer(tx, self(child.id), { consent: true, guardianConsent: true, guardianName: '王芳', now: NOW })))).toBe('volunteer.tooYoung');
  });
});

describe('a second scan soon after checking in (fault 3)', () => {
  it('is refused with the check-in time unless the check-out is confirmed; the state the page reads follows each step', async () => {
    const start = at(2 * DAY);
    const { shiftIds } = await activity({}, start);
    const shiftId = shiftIds[0]!;
    const v = await person();
    await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: v.id, consent: true, now: NOW }));
    await inJinyuan((tx) => signUpForShift(tx, self(v.id), { shiftId, residentId: v.id, now: NOW }));
    const state = (now: Date) => inJinyuan((tx) => getMyShiftAttendance(tx, self(v.id), { shiftId }, now));
    expect(await state(start)).toMatchObject({ state: 'booked', confirmOut: false });
    const code = async (now: Date) => (await inJinyuan((tx) => getShiftQr(tx, leader, { shiftId, now }))).code;
    expect(await inJinyuan(async (tx) => checkInByScan(tx, self(v.id), { shiftId, code: await code(start), now: start }))).toMatchObject({ direction: 'in' });
    const again = new Date(start.getTime() + 60_000);
    expect(await state(again)).toMatchObject({ state: 'in', confirmOut: true });
    const refused = await inJinyuan(async (tx) => checkInByScan(tx, self(v.id), { shiftId, code: await code(again), now: again })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UseCaseError);
    expect((refused as UseCaseError).code).toBe('volunteer.qr.justCheckedIn');
    expect((refused as UseCaseError).params).toMatchObject({ time: '11:00', minutes: 10 });
    expect(await state(again)).toMatchObject({ state: 'in' });
    // Confirmed, it checks out; then nothing more is offered.
    expect(await inJinyuan(async (tx) => checkInByScan(tx, self(v.id), { shiftId, code: await code(again), checkOut: true, now: again }))).toMatchObject({ direction: 'out' });
    expect(await state(again)).toMatchObject({ state: 'out', confirmOut: false });
    // Later than ten minutes, a scan checks out without asking (another volunteer of the same shift).
    const w = await person();
    await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: w.id, consent: true, now: NOW }));
    const signup = await inJinyuan((tx) => signUpForShift(tx, self(w.id), { shiftId, residentId: w.id, now: NOW }));
    await inJinyuan((tx) => checkInFromList(tx, leader, { signupId: signup.id, now: start }));
    const later = new Date(start.getTime() + 90 * 60_000);
    expect(await inJinyuan(async (tx) => checkInByScan(tx, self(w.id), { shiftId, code: await code(later), now: later }))).toMatchObject({ direction: 'out' });
    expect(await inJinyuan((tx) => getMyShiftAttendance(tx, self(w.id), { shiftId: '00000000-0000-4000-8000-000000000000' }, later))).toBeNull();
  });
});

describe('every refusal of a submission at once, each naming its bound (faults 4 and 5)', () => {
  it('the activity form: end before start, reserved above the places and no insurance in one refusal, with the numbers', async () => {
    const start = at(2 * DAY);
    const err = (await inJinyuan((tx) =>
      createActivity(tx, admin, { teamId, title: '登高清洗', place: '2栋', risky: true, publish: true, now: NOW, shifts: [{ startsAt: start, endsAt: new Date(start.getTime() - HOUR), capacity: 3, reserved: 5 }] }),
    ).catch((e: unknown) => e)) as UseCaseError;
    expect(err.all.map((p) => [p.code, p.params.field])).toEqual([
      ['volunteer.shift.time', 'shifts.0.endsAt'],
      ['volunteer.shift.places', 'shifts.0.reserved'],
      ['volunteer.activity.uninsured', 'insuranceRecord'],
    ]);
    expect(err.all[1]!.params).toMatchObject({ reserved: 5, capacity: 3 });
  });

  it('a form that fails its schema (capacity "abc") still hears of its times and insurance; the number names its range', () => {
    const payload = { teamId, title: '登高清洗', place: '2栋', risky: 'on', publish: 'on', shifts: [{ startsAt: '2026-12-01T10:00', endsAt: '2026-12-01T09:00', capacity: 'abc', reserved: '0' }] };
    const parsed = createActivitySchema.safeParse(payload);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.find((i) => i.path.join('.') === 'shifts.0.capacity')?.message).toBe('validation.wholeBetween?min=1&max=10000');
    expect(looseActivityProblems(payload, NOW).map((p) => [p.code, p.params.field])).toEqual([
      ['volunteer.shift.time', 'shifts.0.endsAt'],
      ['volunteer.activity.uninsured', 'insuranceRecord'],
    ]);
    expect(createActivitySchema.safeParse({ ...payload, shifts: [{ ...payload.shifts[0], capacity: '-1' }] }).error!.issues[0]!.message).toBe('validation.wholeBetween?min=1&max=10000');
  });

  it('a wish’s promised date names the dates allowed', async () => {
    const v = await person();
    await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: v.id, consent: true, now: NOW }));
    const { id: itemId } = await inJinyuan((tx) => publishWishOnWall(tx, admin, { title: '想要一本字典', publicText: '一个孩子想要一本新华字典。' }));
    const err = (await inJinyuan((tx) => claimWish(tx, self(v.id), { itemId, promisedOn: '2027-06-01', now: NOW })).catch((e: unknown) => e)) as UseCaseError;
    expect(err.code).toBe('volunteer.wish.promise');
    expect(err.params).toMatchObject({ from: '2026-11-29', to: '2027-02-27', days: 90 });
  });
});

describe('age and risk (fault 7)', () => {
  it('a 15-year-old volunteer (with a guardian’s consent) is refused a risky activity, naming the age; an ordinary one is fine', async () => {
    const teen = await person('2011-06');
    await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: teen.id, consent: true, guardianConsent: true, guardianName: '李强', now: NOW }));
    const risky = await activity({ title: '登高清洗窗户', risky: true, insuranceRecord: '平安保险 保单号 PA2026-001' });
    const err = (await inJinyuan((tx) => signUpForShift(tx, self(teen.id), { shiftId: risky.shiftIds[0]!, residentId: teen.id, now: NOW })).catch((e: unknown) => e)) as UseCaseError;
    expect(err.code).toBe('volunteer.signup.riskyMinor');
    expect(err.params).toMatchObject({ age: 15, min: 18 });
    // Staff signing them up are refused the same.
    expect(await refusal(inJinyuan((tx) => signUpForShift(tx, admin, { shiftId: risky.shiftIds[0]!, residentId: teen.id, now: NOW })))).toBe('volunteer.signup.riskyMinor');
    const plain = await activity({ title: '亲子阅读' });
    expect((await inJinyuan((tx) => signUpForShift(tx, self(teen.id), { shiftId: plain.shiftIds[0]!, residentId: teen.id, now: NOW }))).status).toBe('confirmed');
  });

  it('a walk-up named by the leader hears consent, guardian and the risk together; a new minor walk-up too', async () => {
    const start = at(HOUR);
    const risky = await activity({ title: '登高挂灯笼', risky: true, insuranceRecord: '平安保险 保单号 PA2026-002' }, start);
    const teen = await person('2011-06');
    expect(await problems(inJinyuan((tx) => registerWalkUp(tx, admin, { shiftId: risky.shiftIds[0]!, residentId: teen.id, cipher, now: start })))).toEqual([
      ['volunteer.consent.required', 'consent'],
      ['volunteer.guardian.required', 'guardianConsent'],
      ['volunteer.signup.riskyMinor', null],
    ]);
    expect(await problems(inJinyuan((tx) => registerWalkUp(tx, admin, { shiftId: risky.shiftIds[0]!, name: '新来的少年', mobile: '13671999001', birth: '2011-07', guardianName: '很长很长很长很长很长很长很长很长很长很长的名字', cipher, now: start })))).toEqual([
      ['volunteer.consent.required', 'consent'],
      ['volunteer.guardian.required', 'guardianConsent'],
      ['resident.name.tooLong', 'guardianName'],
      ['volunteer.signup.riskyMinor', null],
    ]);
  });
});
