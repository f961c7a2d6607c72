import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orgUnits, volunteerHours, volunteers, volunteerSettings, volunteerSignups, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { autoCheckOutShift } from '../src/volunteers/shift-subject.ts';
import {
  becomeVolunteer,
  approveShiftHours,
  issueVolunteerCertificate,
  updateVolunteerSettings,
  checkOutFromList,
  enterHoursAfterwards,
  reverseHours,
  addPartyMember,
  checkInByScan,
  checkInFromList,
  createActivity,
  createPartyOrg,
  createVolunteerTeam,
  getShiftQr,
  publishWishOnWall,
  registerResident,
  registerVolunteer,
  signUpForShift,
  type StaffCaller,
  UseCaseError,
  type VolunteerSelf,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 17, the faults the outside trial t35 found, each as its kind (after decision 071), each as its kind: a claimant's number only masked
// to staff; a resident who is not a volunteer could not apply or sign up from 我的; a second scan at the start checked
// the person out; refusals one layer at a time; numeric and date refusals that named no bound; a 15-year-old at a
// risky activity (登高) without a word.
const db = seededDatabase();
const cipher = createPersonalDataCipher('35'.repeat(32));
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
  const mobile = `137${String(35_000_000 + seq).slice(-8)}`;
  const name = `三五志愿${seq}`;
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
  const org = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '三五测试党总支' }));
  await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: lead.id, orgId: org.id, kind: 'local' }));
  teamId = (await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '三五测试队', focus: '测试', leaderResidentId: lead.id, leaderUserId: leader.actor.userId, recruiting: true }))).id;
});


async function twoOverlapping(start = at(-2 * HOUR)) {
  const a = await activity({ now: at(-3 * DAY) }, start);
  const b = await activity({ title: '敬老院陪护', now: at(-3 * DAY) }, new Date(start.getTime() + HOUR));
  const v = await person();
  await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: v.id, consent: true, now: NOW }));
  const sa = await inJinyuan((tx) => signUpForShift(tx, admin, { shiftId: a.shiftIds[0]!, residentId: v.id, now: at(-3 * DAY) }));
  const sb = await inJinyuan((tx) => signUpForShift(tx, admin, { shiftId: b.shiftIds[0]!, residentId: v.id, now: at(-3 * DAY) }));
  return { v, sa: sa.id, sb: sb.id };
}

describe('one person present on one shift at a time (t35 fault 1)', () => {
  it('refuses a check-in from the leader’s list or a scan while checked in on an overlapping shift, naming it; after check-out it goes through', async () => {
    const { v, sa, sb } = await twoOverlapping();
    await inJinyuan((tx) => checkInFromList(tx, admin, { signupId: sa, now: at(-2 * HOUR) }));
    expect(await refusal(inJinyuan((tx) => checkInFromList(tx, admin, { signupId: sb, now: at(-HOUR) })))).toBe('volunteer.signup.overlap');
    const b = (await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(eq(volunteerSignups.id, sb))))[0]!;
    const qr = await inJinyuan((tx) => getShiftQr(tx, admin, { shiftId: b.shiftId, now: at(-HOUR) }));
    expect(await refusal(inJinyuan((tx) => checkInByScan(tx, self(v.id), { shiftId: b.shiftId, code: qr.code, now: at(-HOUR) })))).toBe('volunteer.signup.overlap');
    await inJinyuan((tx) => checkOutFromList(tx, admin, { signupId: sa, now: at(-HOUR) }));
    expect((await inJinyuan((tx) => checkInFromList(tx, admin, { signupId: sb, now: at(-HOUR) }))).already).toBe(false);
  });
});

describe('hours entered afterwards and corrections are bounded (t35 fault 2)', () => {
  it('refuses an entry over minutes already recorded for the person, and a correction longer than the shift', async () => {
    const { v, sa } = await twoOverlapping(at(-5 * HOUR));
    await inJinyuan((tx) => checkInFromList(tx, admin, { signupId: sa, now: at(-5 * HOUR) }));
    const out = await inJinyuan((tx) => checkOutFromList(tx, admin, { signupId: sa, now: at(-5 * HOUR + 10 * 60_000) }));
    expect(await refusal(inJinyuan((tx) => enterHoursAfterwards(tx, admin, { residentId: v.id, teamId, servedFrom: at(-5 * HOUR), servedTo: at(-4 * HOUR), content: '补录', now: NOW })))).toBe('volunteer.hours.overlap');
    // Beside it, not over it: recorded.
    expect((await inJinyuan((tx) => enterHoursAfterwards(tx, admin, { residentId: v.id, teamId, servedFrom: at(-HOUR - HOUR / 2), servedTo: at(-HOUR), content: '补录', now: NOW }))).id).toBeTruthy();
    // A three-hour shift: 600 minutes is refused, naming the bound; 180 goes through.
    expect(await refusal(inJinyuan((tx) => reverseHours(tx, admin, { entryId: out.entryId!, reason: '忘记签退', replacementMinutes: 600, now: NOW })))).toBe('volunteer.hours.correctionTooLong');
    expect((await inJinyuan((tx) => reverseHours(tx, admin, { entryId: out.entryId!, reason: '忘记签退', replacementMinutes: 180, now: NOW }))).replacementId).toBeTruthy();
  });
});

describe('a forgotten check-out stands on its own, lower evidence (t35 fault 3)', () => {
  it('is recorded as entered afterwards, flagged, left out of the shift’s bulk approval; the leader’s correction stands at 队长确认', async () => {
    const { sa, sb } = await twoOverlapping(at(-6 * HOUR));
    const signup = (await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(eq(volunteerSignups.id, sa))))[0]!;
    await inJinyuan((tx) => checkInFromList(tx, admin, { signupId: sa, now: at(-6 * HOUR) }));
    expect(await inJinyuan((tx) => autoCheckOutShift(tx, tenantId, signup.shiftId))).toBe(1);
    const [entry] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerHours).where(eq(volunteerHours.signupId, sa)));
    expect(entry).toMatchObject({ evidence: 'afterwards', autoCheckout: true, minutes: 180 });
    const bulk = await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId: signup.shiftId, now: NOW }));
    expect(bulk).toMatchObject({ approved: [], autoLeft: 1, remaining: 1 });
    const fixed = await inJinyuan((tx) => reverseHours(tx, leader, { entryId: entry!.id, reason: '队长核实 11:00 离开', replacementMinutes: 120, now: NOW }));
    const [replacement] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerHours).where(eq(volunteerHours.id, fixed.replacementId!)));
    expect(replacement).toMatchObject({ evidence: 'leader', autoCheckout: false, minutes: 120 });
    void sb;
  });
});

describe('a certificate always names its person in charge (t35 fault 5)', () => {
  const settings = { roundingMinutes: 30, roundingMode: 'down' as const, graceMinutes: 30, earlyMinutes: 30, secondApprovalMinutes: 240, cancelCutoffHours: 2, confirmAskHours: 24, confirmCloseHours: 3, reminderMinutes: 120, starHours: [100, 300, 600, 1000, 1500] };
  it('refuses settings without the person in charge or the contact, and a certificate while they are missing', async () => {
    expect(await problems(inJinyuan((tx) => updateVolunteerSettings(tx, admin, { ...settings, certificatePersonInCharge: ' ', certificateContact: '0851-8479 2026' })))).toEqual([['volunteer.settings.personInCharge', 'certificatePersonInCharge']]);
    expect(await problems(inJinyuan((tx) => updateVolunteerSettings(tx, admin, { ...settings, certificatePersonInCharge: '张丽', certificateContact: '' })))).toEqual([['volunteer.settings.contact', 'certificateContact']]);
    const { v, sa } = await twoOverlapping(at(-6 * HOUR));
    await inJinyuan((tx) => checkInFromList(tx, admin, { signupId: sa, now: at(-6 * HOUR) }));
    await inJinyuan((tx) => checkOutFromList(tx, admin, { signupId: sa, now: at(-4 * HOUR) }));
    const signup = (await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(eq(volunteerSignups.id, sa))))[0]!;
    await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId: signup.shiftId, now: NOW }));
    // Settings saved before the rule (or never saved): no certificate until the office fills them in.
    await withTenant(db.owner, tenantId, (tx) => tx.update(volunteerSettings).set({ certificatePersonInCharge: null }).where(eq(volunteerSettings.tenantId, tenantId)));
    expect(await refusal(inJinyuan((tx) => issueVolunteerCertificate(tx, self(v.id), { residentId: v.id, now: NOW })))).toBe('volunteer.certificate.noPersonInCharge');
    await inJinyuan((tx) => updateVolunteerSettings(tx, admin, { ...settings, certificatePersonInCharge: '张丽', certificateContact: '0851-8479 2026' }));
    expect((await inJinyuan((tx) => issueVolunteerCertificate(tx, self(v.id), { residentId: v.id, now: NOW }))).number).toBeTruthy();
  });
});

describe('no personal data on the public wish wall (t35 fault 7)', () => {
  it('refuses a phone number, an ID number or a room address in the public words, saying what to remove; plain words go up', async () => {
    const post = (publicText: string) => problems(inJinyuan((tx) => publishWishOnWall(tx, admin, { title: '想要一副老花镜', publicText })));
    expect(await post('王奶奶想要一副老花镜，联系电话 13912345678。')).toEqual([['volunteer.wish.publicPhone', 'publicText']]);
    expect(await post('联系 0851-84792026')).toEqual([['volunteer.wish.publicPhone', 'publicText']]);
    expect(await post('身份证 52010219500101123X')).toEqual([['volunteer.wish.publicIdNumber', 'publicText']]);
    expect(await post('住在3栋2单元501，腿脚不便')).toEqual([['volunteer.wish.publicAddress', 'publicText']]);
    expect(await post('住 12-3-402')).toEqual([['volunteer.wish.publicAddress', 'publicText']]);
    expect((await inJinyuan((tx) => publishWishOnWall(tx, admin, { title: '想要一副老花镜', publicText: '3栋一位 80 岁的老人想要一副老花镜，看报纸用。' }))).id).toBeTruthy();
  });
});

describe('a guardian’s consent names a person and a relation (t35 fault 6)', () => {
  it('refuses a name that is no person’s name and a relation outside the list, both at once; a real guardian is recorded', async () => {
    const teen = await person('2011-05');
    expect(await problems(inJinyuan((tx) => becomeVolunteer(tx, self(teen.id), { consent: true, guardianName: '😀', guardianRelation: '😀', guardianConsent: true, now: NOW })))).toEqual([
      ['volunteer.guardian.name', 'guardianName'],
      ['volunteer.guardian.relation', 'guardianRelation'],
    ]);
    expect(await inJinyuan((tx) => becomeVolunteer(tx, self(teen.id), { consent: true, guardianName: '王建国', guardianRelation: '父亲', guardianConsent: true, now: NOW }))).toEqual({ residentId: teen.id, registered: true });
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteers).where(eq(volunteers.residentId, teen.id)));
    expect(row).toMatchObject({ guardianName: '王建国', guardianRelation: '父亲' });
  });
});
