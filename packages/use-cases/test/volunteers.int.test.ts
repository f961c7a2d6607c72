import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cases, categories, deadlines, orgUnits, outbox, volunteerCertificates, volunteerHours, volunteers, volunteerSettings, volunteerSignups, volunteerTeams, withTenant } from '@shequ/db';
import { QR_STEP_MS, starLevel } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import {
  acceptCase,
  addPartyMember,
  anonymousCaller,
  approveHourEntries,
  approveShiftHours,
  cancelSignup,
  checkInByScan,
  checkInFromList,
  checkOutFromList,
  claimWish,
  closeActivity,
  confirmAttendance,
  confirmWishLit,
  createActivity,
  createPartyOrg,
  createVolunteerTeam,
  decideRecognition,
  enterHoursAfterwards,
  exportVolunteerFigures,
  getShiftQr,
  getVolunteerCertificate,
  getVolunteerHours,
  issueVolunteerCertificate,
  listHonourWall,
  listPartyMembers,
  listVolunteerStatuses,
  listWishWall,
  nominateVolunteer,
  publishActivity,
  publishWishOnWall,
  recordTraining,
  registerResident,
  registerVolunteer,
  registerWalkUp,
  reverseHours,
  signUpForShift,
  type StaffCaller,
  submitCase,
  verifyVolunteerCertificate,
  volunteerFigures,
  type VolunteerSelf,
} from '../src/index.ts';
import { wakeDeadline } from '../src/deadlines/engine.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 17 / decision 036: volunteer teams, activities with shifts, sign-ups with a waiting list, check-in by the
// shift's rotating QR code, and the append-only hour ledger with its approvals, reversals and stars.
const db = seededDatabase();
const cipher = createPersonalDataCipher('7a'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z');
const HOUR = 3600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let tenantId: string;
let admin: StaffCaller;
let staff: StaffCaller;
let leader: StaffCaller;
let outsider: StaffCaller;
let teamId: string;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

async function caller(mobile: string, community = '520115001001'): Promise<StaffCaller> {
  const [unit] = await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, community));
  const actor = await db.actorFor(mobile, unit!.id);
  return { actor, ability: defineAbilityFor(actor) };
}
let seq = 0;
/** A person of the register (adult by default), with a mobile. */
async function person(birth = '1980-05', mobile = true) {
  seq += 1;
  const { id } = await inJinyuan((tx) => registerResident(tx, admin, { name: `志愿者${seq}`, birth, mobile: mobile ? `139${String(10_000_000 + seq).slice(-8)}` : null, consent: true, consentChannel: 'in_person', cipher, now: NOW }));
  return id;
}
async function volunteer(birth = '1980-05', extra: Record<string, unknown> = {}) {
  const residentId = await person(birth);
  await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId, consent: true, skills: ['急救'], now: NOW, ...extra }));
  return residentId;
}
let partyOrgId: string | null = null;
/** Makes a person of the register a party member of the community (issue 16), as a team's leader must be. */
async function partyMember(residentId: string) {
  partyOrgId ??= (await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '志愿测试党总支' }))).id;
  await inJinyuan((tx) => addPartyMember(tx, admin, { residentId, orgId: partyOrgId!, kind: 'local' }));
  return residentId;
}
const self = (residentId: string): VolunteerSelf => ({ kind: 'volunteer', tenantId, residentId });
async function activity(shifts: { startsAt: Date; endsAt: Date; capacity: number; reserved?: number }[], extra: Record<string, unknown> = {}) {
  return inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '菜园日', place: '社区菜园', shifts, publish: true, now: NOW, ...extra }));
}

beforeAll(async () => {
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  leader = await caller('13800000007');
  outsider = await caller('13800000004');
  tenantId = admin.actor.workspace.tenantId!;
  // A team is led by a party member of the community (issue 16).
  const leaderResident = await partyMember(await person('1968-03'));
  teamId = (await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '金元先锋队', focus: '一老一小', leaderResidentId: leaderResident, leaderUserId: leader.actor.userId }))).id;
});

describe('volunteers and teams', () => {
  it('tells the office who of the people found is a volunteer already, and two party members of one masked name apart (issue 17)', async () => {
    const v = await volunteer();
    const p = await person();
    expect(await inJinyuan((tx) => listVolunteerStatuses(tx, admin, { residentIds: [v, p] }))).toEqual([{ residentId: v, active: true, since: '2026-11-29', teams: [] }]);
    expect(await inJinyuan((tx) => listVolunteerStatuses(tx, leader, { residentIds: [p] }))).toEqual([]);
    // The team leader picker listed 郭** twice: the office now sees the register's hints (masked mobile, building).
    const a = await partyMember(await person());
    const b = await partyMember(await person());
    const members = await inJinyuan((tx) => listPartyMembers(tx, admin));
    const [ma, mb] = [a, b].map((id) => members.find((m) => m.residentId === id)!);
    expect(ma!.nameHint).toBe(mb!.nameHint);
    expect(ma!.mobileHint).toMatch(/^139\*+\d{4}$/);
    expect(ma!.mobileHint).not.toBe(mb!.mobileHint);
    // A team leader's console (no register) gets no more than the masked name.
    expect((await inJinyuan((tx) => listPartyMembers(tx, leader))).find((m) => m.residentId === a)).toMatchObject({ mobileHint: null, building: null });
  });

  it('refuses a volunteer under 18 without a guardian’s consent, under 14 at all, and without a known birth', async () => {
    const teen = await person('2010-05');
    expect(await refusal(inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: teen, consent: true, now: NOW })))).toBe('volunteer.guardian.required');
    expect(await refusal(inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: teen, consent: true, guardianConsent: true, now: NOW })))).toBe('volunteer.guardian.required');
    await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: teen, consent: true, guardianConsent: true, guardianName: '张母', guardianRelation: '母亲', now: NOW }));
    expect(await refusal(inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: teen, consent: true, guardianConsent: true, guardianName: '张母', now: NOW })))).toBe('volunteer.duplicate');
    expect(await refusal(inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: teen, consent: false, now: NOW })))).toBe('volunteer.consent.required');
    const child = await person('2014-01');
    expect(await refusal(inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: child, consent: true, guardianConsent: true, guardianName: '李父', now: NOW })))).toBe('volunteer.tooYoung');
    const noBirth = await inJinyuan((tx) => registerResident(tx, admin, { name: '无生日', consent: true, consentChannel: 'in_person', cipher, now: NOW }));
    expect(await refusal(inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: noBirth.id, consent: true, now: NOW })))).toBe('volunteer.birth.unknown');
  });

  it('takes as team leader a party member of the register only (a deputy: any active person of it)', async () => {
    expect(await refusal(inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '另一队', leaderResidentId: '00000000-0000-7000-8000-000000000000' })))).toBe('volunteer.leader.notEligible');
    const notMember = await person('1975-08');
    expect(await refusal(inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '另一队', leaderResidentId: notMember })))).toBe('volunteer.leader.notPartyMember');
    const [team] = await inJinyuan((tx) => tx.select({ leaderResidentId: volunteerTeams.leaderResidentId }).from(volunteerTeams).where(eq(volunteerTeams.id, teamId)));
    await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '另一队', leaderResidentId: team!.leaderResidentId, deputyResidentId: notMember }));
    expect(await refusal(inJinyuan((tx) => createVolunteerTeam(tx, leader, { name: '另一队', leaderResidentId: '00000000-0000-7000-8000-000000000000' })))).toBe('forbidden');
  });
});

describe('activities and sign-ups', () => {
  it('does not publish a risky activity without an insurance record', async () => {
    const shifts = [{ startsAt: at(48 * HOUR), endsAt: at(50 * HOUR), capacity: 5 }];
    expect(await refusal(activity(shifts, { risky: true }))).toBe('volunteer.activity.uninsured');
    // "无", or words without a policy number, are no insurance record (found from outside).
    for (const insuranceRecord of ['无', '没有保险', '已购买保险'] as const) expect(await refusal(activity(shifts, { risky: true, insuranceRecord }))).toBe('volunteer.activity.uninsured');
    const ok = await activity(shifts, { risky: true, insuranceRecord: '平安财险 PA2026-001' });
    expect(ok.published).toBe(true);
  });

  it('publishes an activity months ahead: its shift’s timers are due at their times (allowances past 24.8 days recorded capped)', async () => {
    const startsAt = at(60 * 24 * HOUR);
    const { shiftIds } = await activity([{ startsAt, endsAt: at(60 * 24 * HOUR + 2 * HOUR), capacity: 5 }]);
    const timers = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'volunteer_shift'), eq(deadlines.subjectId, shiftIds[0]!)));
    expect(timers.map((d) => d.kind).sort()).toEqual(['auto_checkout', 'confirm']);
    const checkout = timers.find((d) => d.kind === 'auto_checkout')!;
    expect(checkout.dueAt.getTime()).toBe(at(60 * 24 * HOUR + 2 * HOUR + 30 * 60_000).getTime());
    expect(checkout.allowedMs).toBe(2_147_483_647);
  });

  it('bounds a shift (decision 058): a real day, at most 24 h, not begun, within a year; each refusal beside its field', async () => {
    // The outside trial: 2026-02-30 became 03-02; 2026-12-10 13:00 → 2027-01-30 15:00 (51 days) was published; 2025 and 9999 too.
    const fieldOf = async (p: Promise<unknown>) => p.then(() => 'accepted', (e: { code?: string; params?: { field?: string } }) => `${e.code ?? e} ${e.params?.field ?? ''}`.trim());
    const make = (startsAt: Date | string, endsAt: Date | string) => inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '越界班次', place: '社区广场', shifts: [{ startsAt, endsAt, capacity: 5 }], publish: true, now: NOW }));
    await expect(make('2026-02-30T13:00', '2026-02-30T15:00')).rejects.toThrow(/shifts\.0\.startsAt/);
    expect(await fieldOf(make('2026-12-10T13:00', '2027-01-30T15:00'))).toBe('volunteer.shift.tooLong shifts.0.endsAt');
    expect(await fieldOf(make(at(HOUR), at(HOUR + 24 * HOUR + 60_000)))).toBe('volunteer.shift.tooLong shifts.0.endsAt');
    expect(await fieldOf(make('2025-12-10T13:00', '2025-12-10T15:00'))).toBe('volunteer.shift.past shifts.0.startsAt');
    expect(await fieldOf(make(at(-HOUR), at(HOUR)))).toBe('volunteer.shift.past shifts.0.startsAt');
    expect(await fieldOf(make(at(367 * 24 * HOUR), at(367 * 24 * HOUR + 2 * HOUR)))).toBe('volunteer.shift.far shifts.0.startsAt');
    await expect(make('9999-12-10T13:00', '9999-12-10T15:00')).rejects.toThrow(/shifts\.0\.startsAt/);
    // The longest shift and the farthest start are taken.
    expect((await make(at(HOUR), at(25 * HOUR))).published).toBe(true);
    expect((await make(at(365 * 24 * HOUR), at(365 * 24 * HOUR + 2 * HOUR))).published).toBe(true);
    // A draft kept until its shift began is not published then.
    const draft = await inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '过期草稿', place: '社区广场', shifts: [{ startsAt: at(2 * HOUR), endsAt: at(3 * HOUR), capacity: 5 }], publish: false, now: NOW }));
    expect(draft.published).toBe(false);
    expect(await refusal(inJinyuan((tx) => publishActivity(tx, leader, { activityId: draft.id, now: at(2 * HOUR) })))).toBe('volunteer.shift.past');
    await inJinyuan((tx) => publishActivity(tx, leader, { activityId: draft.id, now: at(HOUR) }));
  });

  it('bounds hours entered afterwards (decision 058): ended by now, at most 24 h, within a year, each beside its field', async () => {
    const v = await volunteer();
    const fieldOf = async (servedFrom: Date | string, servedTo: Date | string) =>
      inJinyuan((tx) => enterHoursAfterwards(tx, staff, { residentId: v, teamId, servedFrom, servedTo, content: '补录', now: NOW })).then(
        () => 'accepted',
        (e: { code?: string; params?: { field?: string } }) => `${e.code ?? e} ${e.params?.field ?? ''}`.trim(),
      );
    expect(await fieldOf(at(HOUR), at(2 * HOUR))).toBe('volunteer.hours.future servedTo');
    expect(await fieldOf(at(-30 * HOUR), at(-HOUR))).toBe('volunteer.hours.tooLong servedTo');
    expect(await fieldOf(at(-2 * HOUR), at(-3 * HOUR))).toBe('volunteer.hours.time servedTo');
    expect(await fieldOf(at(-400 * 24 * HOUR), at(-400 * 24 * HOUR + HOUR))).toBe('volunteer.hours.tooOld servedFrom');
    expect(await fieldOf('2026-02-30T09:00', '2026-02-30T11:00')).toBe('input.invalid servedFrom');
    expect(await fieldOf(at(-3 * HOUR), at(-2 * HOUR))).toBe('accepted');
  });

  it('checks the age floor, skills and unexpired training at sign-up', async () => {
    const { shiftIds } = await activity([{ startsAt: at(48 * HOUR), endsAt: at(50 * HOUR), capacity: 5 }], { minAge: 18, requiredSkills: ['急救'], requiredTrainings: ['急救培训'] });
    const teen = await volunteer('2010-05', { guardianConsent: true, guardianName: '王母' });
    expect(await refusal(inJinyuan((tx) => signUpForShift(tx, self(teen), { shiftId: shiftIds[0]!, residentId: teen, now: NOW })))).toBe('volunteer.signup.age');
    const adult = await volunteer();
    expect(await refusal(inJinyuan((tx) => signUpForShift(tx, self(adult), { shiftId: shiftIds[0]!, residentId: adult, now: NOW })))).toBe('volunteer.signup.training');
    await inJinyuan((tx) => recordTraining(tx, staff, { residentId: adult, name: '急救培训', completedOn: '2025-01-10', expiresOn: '2026-01-10' }));
    expect(await refusal(inJinyuan((tx) => signUpForShift(tx, self(adult), { shiftId: shiftIds[0]!, residentId: adult, now: NOW })))).toBe('volunteer.signup.training');
    await inJinyuan((tx) => recordTraining(tx, staff, { residentId: adult, name: '急救培训', completedOn: '2026-06-01', expiresOn: '2027-06-01' }));
    expect((await inJinyuan((tx) => signUpForShift(tx, self(adult), { shiftId: shiftIds[0]!, residentId: adult, now: NOW }))).status).toBe('confirmed');
    expect(await refusal(inJinyuan((tx) => signUpForShift(tx, self(adult), { shiftId: shiftIds[0]!, residentId: adult, now: NOW })))).toBe('volunteer.signup.duplicate');
    expect(await refusal(inJinyuan((tx) => signUpForShift(tx, self(teen), { shiftId: shiftIds[0]!, residentId: adult, now: NOW })))).toBe('volunteer.notYou');
  });

  it('50 simultaneous sign-ups for 20 places: exactly 20 confirmed and 30 waiting; freed places go to the waiting list in order, with a message', async () => {
    const { shiftIds } = await activity([{ startsAt: at(48 * HOUR), endsAt: at(50 * HOUR), capacity: 22, reserved: 2 }]);
    const shiftId = shiftIds[0]!;
    const people: string[] = [];
    for (let i = 0; i < 50; i++) people.push(await volunteer());
    const results = await Promise.all(people.map((residentId) => inJinyuan((tx) => signUpForShift(tx, self(residentId), { shiftId, residentId, now: NOW }))));
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    expect(results.filter((r) => r.status === 'waiting')).toHaveLength(30);
    const rows = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(eq(volunteerSignups.shiftId, shiftId)));
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    // The waiting list's order is the order places were taken; positions 1..30 each once.
    const waiting = results.map((r, i) => ({ ...r, residentId: people[i]! })).filter((r) => r.status === 'waiting').sort((a, b) => a.position - b.position);
    expect(waiting.map((w) => w.position)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

    // Three confirmed volunteers cancel, one at a time: the first three of the waiting list move up, in order.
    const confirmed = results.filter((r) => r.status === 'confirmed');
    const promoted: string[] = [];
    for (const c of confirmed.slice(0, 3)) {
      const r = await inJinyuan((tx) => cancelSignup(tx, leader, { signupId: c.id, now: NOW }));
      promoted.push(...r.promoted);
    }
    expect(promoted).toEqual(waiting.slice(0, 3).map((w) => w.residentId));
    // Leaving the waiting list promotes nobody; a promoted person was told by text message (sealed number).
    expect((await inJinyuan((tx) => cancelSignup(tx, self(waiting[5]!.residentId), { signupId: waiting[5]!.id, now: NOW }))).promoted).toEqual([]);
    const messages = await withTenant(db.owner, tenantId, (tx) => tx.select().from(outbox).where(eq(outbox.kind, 'volunteer_promoted')));
    expect(messages).toHaveLength(3);
    expect(messages[0]!.recipient).toMatch(/^sealed:/);
    expect(messages[0]!.body).toContain('菜园日');
    const after = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.shiftId, shiftId), eq(volunteerSignups.status, 'confirmed'))));
    expect(after).toHaveLength(20);

    // Past the cut-off (2 hours before the shift) a confirmed place is no longer given up online.
    const late = confirmed[5]!;
    expect(await refusal(inJinyuan((tx) => cancelSignup(tx, leader, { signupId: late.id, now: at(47 * HOUR) })))).toBe('volunteer.signup.cutoffPassed');
  }, 120_000);
});

describe('check-in by the shift’s rotating QR code, by the leader, walk-ups and the automatic check-out', () => {
  const START = at(24 * HOUR);
  const END = at(26 * HOUR);
  let shiftId: string;
  let scanner: string;
  let listed: string;
  let forgetful: string;

  beforeAll(async () => {
    shiftId = (await activity([{ startsAt: START, endsAt: END, capacity: 10 }])).shiftIds[0]!;
    scanner = await volunteer();
    listed = await volunteer();
    forgetful = await volunteer();
    for (const r of [scanner, listed, forgetful]) await inJinyuan((tx) => signUpForShift(tx, self(r), { shiftId, residentId: r, now: NOW }));
  });

  const qr = (now: Date) => inJinyuan((tx) => getShiftQr(tx, leader, { shiftId, now }));
  const scan = (residentId: string, code: string, now: Date) => inJinyuan((tx) => checkInByScan(tx, self(residentId), { shiftId, code, now }));

  it('refuses a code outside the shift’s window, an expired code and a code of nothing, each with a clear message', async () => {
    const tooEarly = new Date(START.getTime() - 2 * HOUR);
    const early = await qr(tooEarly);
    const error = await scan(scanner, early.code, tooEarly).catch((e) => e);
    expect(error.code).toBe('volunteer.qr.outsideWindow');
    expect(error.params).toMatchObject({ from: expect.stringMatching(/^2026-11-30 10:30/), to: expect.stringMatching(/^2026-11-30 13:00/) });

    const t = new Date(START.getTime() - 5 * 60_000);
    const old = await qr(new Date(t.getTime() - 2 * QR_STEP_MS));
    expect(await refusal(scan(scanner, old.code, t))).toBe('volunteer.qr.expired');
    expect(await refusal(scan(scanner, 'abcdefgh', t))).toBe('volunteer.qr.invalid');
    // Another shift's code is not this shift's.
    const other = (await activity([{ startsAt: START, endsAt: END, capacity: 3 }])).shiftIds[0]!;
    const otherCode = await inJinyuan((tx) => getShiftQr(tx, leader, { shiftId: other, now: t }));
    expect(await refusal(scan(scanner, otherCode.code, t))).toBe('volunteer.qr.invalid');
    // Someone without a place is sent to the leader (walk-up).
    const stranger = await volunteer();
    expect(await refusal(scan(stranger, (await qr(t)).code, t))).toBe('volunteer.signup.notFound');
    // Only the team's leader account (or the office) sees the code.
    const grid = await caller('13800000006');
    expect(await refusal(inJinyuan((tx) => getShiftQr(tx, grid, { shiftId, now: t })))).toBe('volunteer.team.notFound');
  });

  it('checks in and out by scan (the previous step’s code still accepted), counting only time within the shift: evidence scanned', async () => {
    const inAt = new Date(START.getTime() - 10 * 60_000);
    const shown = await qr(new Date(inAt.getTime() - QR_STEP_MS));
    expect((await scan(scanner, shown.code, inAt)).direction).toBe('in');
    // Scanning again before the start is a check-out out of its window, and says so (it named the check-in time).
    const again = new Date(START.getTime() - 5 * 60_000);
    const early = await scan(scanner, (await qr(again)).code, again).catch((e) => e);
    expect([early.code, early.params]).toEqual(['volunteer.qr.outsideCheckOutWindow', { from: expect.stringMatching(/^2026-11-30 11:00/), to: expect.stringMatching(/^2026-11-30 13:30/) }]);
    const outAt = new Date(END.getTime() + 10 * 60_000);
    const out = await scan(scanner, (await qr(outAt)).code, outAt);
    expect(out).toMatchObject({ direction: 'out', minutes: 120 });
    const [entry] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerHours).where(and(eq(volunteerHours.shiftId, shiftId), eq(volunteerHours.residentId, scanner))));
    expect(entry).toMatchObject({ minutes: 120, evidence: 'scanned', autoCheckout: false });
  });

  it('lets the leader check in from the list and record a walk-up in the register; the worker’s timer checks out the forgotten, flagged, once', async () => {
    const signups = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(eq(volunteerSignups.shiftId, shiftId)));
    const listedSignup = signups.find((s) => s.residentId === listed)!;
    const inAt = new Date(START.getTime() + 20 * 60_000);
    await inJinyuan((tx) => checkInFromList(tx, leader, { signupId: listedSignup.id, now: inAt }));
    const forgetfulSignup = signups.find((s) => s.residentId === forgetful)!;
    await scan(forgetful, (await qr(START)).code, START);
    const walkUp = await inJinyuan((tx) => registerWalkUp(tx, leader, { shiftId, name: '路过的热心人', mobile: '13912345678', birth: '1990-02', consent: true, cipher, now: inAt }));
    expect(walkUp.registered).toBe(true);

    const [deadline] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'volunteer_shift'), eq(deadlines.subjectId, shiftId), eq(deadlines.kind, 'auto_checkout')));
    expect(deadline!.dueAt.getTime()).toBe(END.getTime() + 30 * 60_000);
    const due = new Date(END.getTime() + 31 * 60_000);
    const results = await Promise.all([1, 2, 3].map(() => wakeDeadline(db.app, deadline!.id, null, due, tenantId)));
    expect(results.filter((r) => r === 'breached')).toHaveLength(1);
    const entries = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerHours).where(eq(volunteerHours.shiftId, shiftId)));
    const by = (r: string) => entries.filter((e) => e.residentId === r);
    expect(by(listed)).toEqual([expect.objectContaining({ minutes: 90, evidence: 'afterwards', autoCheckout: true })]);
    expect(by(forgetful)).toEqual([expect.objectContaining({ minutes: 120, evidence: 'afterwards', autoCheckout: true })]);
    expect(by(walkUp.residentId)).toEqual([expect.objectContaining({ minutes: 90, evidence: 'afterwards', autoCheckout: true })]);
    void forgetfulSignup;
  });
});

describe('the day-before confirmation and the reminder (worker timers)', () => {
  it('asks the confirmed the day before; at the close unconfirmed places go to the waiting list in order, once; reminds before the start', async () => {
    const start = at(48 * HOUR);
    // A title of its own: the messages counted below are this activity's (other tests' promotions say 菜园日).
    const { shiftIds } = await activity([{ startsAt: start, endsAt: at(50 * HOUR), capacity: 3 }], { title: '确认环节演练' });
    const shiftId = shiftIds[0]!;
    const people: string[] = [];
    for (let i = 0; i < 5; i++) people.push(await volunteer());
    const signups: { id: string; status: string }[] = [];
    for (const p of people) signups.push(await inJinyuan((tx) => signUpForShift(tx, self(p), { shiftId, residentId: p, now: NOW })));
    expect(signups.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waiting', 'waiting']);
    const timers = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'volunteer_shift'), eq(deadlines.subjectId, shiftId)));
    const confirm = timers.find((d) => d.kind === 'confirm')!;
    const checkout = timers.find((d) => d.kind === 'auto_checkout')!;
    // Community defaults: asked 24 h before, closed 3 h before, reminded 2 h before.
    expect(confirm.dueAt.getTime()).toBe(start.getTime() - 3 * HOUR);
    expect(confirm.remindAt).toEqual([new Date(start.getTime() - 24 * HOUR).toISOString()]);
    expect(checkout.remindAt).toEqual([new Date(start.getTime() - 2 * HOUR).toISOString()]);
    const testStart = new Date(Date.now() - 1000);
    const sent = async (kind: string) =>
      (await withTenant(db.owner, tenantId, (tx) => tx.select({ createdAt: outbox.createdAt, body: outbox.body }).from(outbox).where(eq(outbox.kind, kind)))).filter((m) => m.body.includes('确认环节演练') && m.createdAt >= testStart).length;

    const askAt = new Date(start.getTime() - 24 * HOUR);
    await Promise.all([1, 2].map(() => wakeDeadline(db.app, confirm.id, null, askAt, tenantId)));
    expect(await sent('volunteer_confirm_request')).toBe(3);
    await inJinyuan((tx) => confirmAttendance(tx, self(people[0]!), { signupId: signups[0]!.id, now: askAt }));
    expect(await refusal(inJinyuan((tx) => confirmAttendance(tx, self(people[3]!), { signupId: signups[3]!.id, now: askAt })))).toBe('volunteer.signup.notConfirmed');
    expect(await refusal(inJinyuan((tx) => confirmAttendance(tx, self(people[1]!), { signupId: signups[0]!.id, now: askAt })))).toBe('volunteer.signup.notFound');

    const close = new Date(start.getTime() - 3 * HOUR + 60_000);
    const results = await Promise.all([1, 2, 3].map(() => wakeDeadline(db.app, confirm.id, null, close, tenantId)));
    expect(results.filter((r) => r === 'breached')).toHaveLength(1);
    const rows = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerSignups).where(eq(volunteerSignups.shiftId, shiftId)));
    const of = (i: number) => rows.find((r) => r.residentId === people[i])!;
    expect(of(0).status).toBe('confirmed');
    expect([of(1), of(2)].map((r) => [r.status, r.cancelReason])).toEqual([
      ['cancelled', 'unconfirmed'],
      ['cancelled', 'unconfirmed'],
    ]);
    expect([of(3).status, of(4).status]).toEqual(['confirmed', 'confirmed']);
    expect(await sent('volunteer_released')).toBe(2);
    expect(await sent('volunteer_promoted')).toBe(2);
    expect(await refusal(inJinyuan((tx) => confirmAttendance(tx, self(people[1]!), { signupId: signups[1]!.id, now: close })))).toBe('volunteer.signup.released');

    // Two hours before the start, everyone holding a place is reminded (once, though woken twice).
    const remindAt = new Date(start.getTime() - 2 * HOUR);
    await Promise.all([1, 2].map(() => wakeDeadline(db.app, checkout.id, null, remindAt, tenantId)));
    expect(await sent('volunteer_reminder')).toBe(3);
  });
});

describe('the hour ledger', () => {
  let shiftId: string;
  let a: string;
  let b: string;

  beforeAll(async () => {
    // This community's stars at 1 and 3 hours, to see them move with a couple of shifts.
    await withTenant(db.owner, tenantId, (tx) => tx.execute(sql`insert into volunteer_settings (tenant_id, star_hours) values (${tenantId}, '{1,3,6,10,15}') on conflict (tenant_id) do update set star_hours = excluded.star_hours`));
    const start = at(5 * HOUR);
    shiftId = (await activity([{ startsAt: start, endsAt: at(7 * HOUR), capacity: 5 }])).shiftIds[0]!;
    a = await volunteer();
    b = await volunteer();
    for (const r of [a, b]) await inJinyuan((tx) => signUpForShift(tx, self(r), { shiftId, residentId: r, now: NOW }));
    const code = async (now: Date) => (await inJinyuan((tx) => getShiftQr(tx, leader, { shiftId, now }))).code;
    for (const r of [a, b]) {
      await inJinyuan(async (tx) => checkInByScan(tx, self(r), { shiftId, code: await code(start), now: start }));
      const out = at(7 * HOUR - (r === b ? 40 * 60_000 : 0));
      await inJinyuan(async (tx) => checkInByScan(tx, self(r), { shiftId, code: await code(out), now: out }));
    }
  });

  const hoursOf = (r: string) => inJinyuan((tx) => getVolunteerHours(tx, staff, { residentId: r }));

  it('keeps hours pending until the leader approves; approves a shift partly, then the rest', async () => {
    expect((await hoursOf(a)).totals).toMatchObject({ approvedMinutes: 0, pendingMinutes: 120 });
    const entryA = (await hoursOf(a)).entries[0]!;
    const partial = await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId, entryIds: [entryA.id], now: at(8 * HOUR) }));
    expect(partial).toMatchObject({ approved: [entryA.id], remaining: 1 });
    expect((await hoursOf(a)).totals).toMatchObject({ approvedMinutes: 120, pendingMinutes: 0, starMinutes: 120 });
    expect((await hoursOf(b)).totals).toMatchObject({ approvedMinutes: 0, pendingMinutes: 60 });
    const rest = await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId, now: at(8 * HOUR) }));
    expect(rest.remaining).toBe(0);
    expect((await hoursOf(b)).totals.approvedMinutes).toBe(60); // 80 minutes served, rounded down to the half hour
    // Someone else's leader (a grid worker here) may not approve.
    const grid = await caller('13800000006');
    expect(await refusal(inJinyuan((tx) => approveShiftHours(tx, grid, { shiftId })))).toBe('forbidden');
  });

  it('never lets a leader approve her own hours: left pending for the office when approving the shift, refused when listed (found from outside)', async () => {
    const own = (await activity([{ startsAt: at(9 * HOUR), endsAt: at(10 * HOUR), capacity: 5 }])).shiftIds[0]!;
    const [team] = await inJinyuan((tx) => tx.select({ leaderResidentId: volunteerTeams.leaderResidentId }).from(volunteerTeams).where(eq(volunteerTeams.id, teamId)));
    const other = await volunteer();
    // The leader is a volunteer of her team too (the trial's 周敏).
    await withTenant(db.owner, tenantId, (tx) => tx.insert(volunteers).values({ tenantId, residentId: team!.leaderResidentId, consentOn: '2025-01-01' }).onConflictDoNothing());
    const [mine, theirs] = await withTenant(db.owner, tenantId, (tx) =>
      tx
        .insert(volunteerHours)
        .values([team!.leaderResidentId, other].map((residentId) => ({ tenantId, residentId, teamId, shiftId: own, minutes: 60, evidence: 'leader' as const, servedFrom: at(9 * HOUR), servedTo: at(10 * HOUR) })))
        .returning({ id: volunteerHours.id }),
    );
    expect(await refusal(inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId: own, entryIds: [mine!.id], now: at(11 * HOUR) })))).toBe('volunteer.hours.ownHours');
    expect(await refusal(inJinyuan((tx) => approveHourEntries(tx, leader, { entryIds: [mine!.id], step: 'leader', now: at(11 * HOUR) })))).toBe('volunteer.hours.ownHours');
    const all = await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId: own, now: at(11 * HOUR) }));
    expect(all).toMatchObject({ approved: [theirs!.id], remaining: 1, ownLeft: 1 });
    // The office approves the leader's own hour.
    expect(await inJinyuan((tx) => approveShiftHours(tx, staff, { shiftId: own, now: at(11 * HOUR) }))).toMatchObject({ approved: [mine!.id], remaining: 0, ownLeft: 0 });
  });

  it('counts stars from approved hours at the top evidence levels only; hours entered afterwards need a second approver above the threshold', async () => {
    expect((await hoursOf(a)).stars).toMatchObject({ stars: 1, next: 3 });
    const entered = await inJinyuan((tx) => enterHoursAfterwards(tx, staff, { residentId: a, teamId, servedFrom: at(-30 * HOUR), servedTo: at(-25 * HOUR), content: '帮独居老人买菜', now: NOW }));
    expect(entered).toMatchObject({ minutes: 300, needsSecondApproval: true });
    // The one who entered it does not approve it; the leader approves, then a second staff member (not the leader, not who entered it).
    expect(await refusal(inJinyuan((tx) => approveHourEntries(tx, staff, { entryIds: [entered.id], step: 'second' })))).toBe('volunteer.hours.leaderFirst');
    await inJinyuan((tx) => approveHourEntries(tx, leader, { entryIds: [entered.id], step: 'leader' }));
    expect((await hoursOf(a)).totals.pendingMinutes).toBe(300);
    expect(await refusal(inJinyuan((tx) => approveHourEntries(tx, leader, { entryIds: [entered.id], step: 'second' })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => approveHourEntries(tx, staff, { entryIds: [entered.id], step: 'second' })))).toBe('volunteer.hours.sameApprover');
    await inJinyuan((tx) => approveHourEntries(tx, admin, { entryIds: [entered.id], step: 'second' }));
    const totals = (await hoursOf(a)).totals;
    expect(totals).toMatchObject({ approvedMinutes: 420, pendingMinutes: 0, starMinutes: 120 });
    // 7 approved hours, but only 2 from scans: still one star.
    expect((await hoursOf(a)).stars.stars).toBe(1);
    // A small entry afterwards needs no second approver.
    const small = await inJinyuan((tx) => enterHoursAfterwards(tx, leader, { residentId: b, teamId, servedFrom: at(-3 * HOUR), servedTo: at(-2 * HOUR), content: '整理物资', now: NOW }));
    expect(small.needsSecondApproval).toBe(false);
    expect(await refusal(inJinyuan((tx) => approveHourEntries(tx, leader, { entryIds: [small.id], step: 'leader' })))).toBe('volunteer.hours.sameApprover');
    await inJinyuan((tx) => approveHourEntries(tx, admin, { entryIds: [small.id], step: 'leader' }));
    expect((await hoursOf(b)).totals.approvedMinutes).toBe(120);
  });

  it('corrects by reversal entries with a reason, never by changing a row; a reversal is not reversed, nor an entry twice', async () => {
    const entryB = (await hoursOf(b)).entries.find((e) => e.shiftId === shiftId)!;
    const r = await inJinyuan((tx) => reverseHours(tx, leader, { entryId: entryB.id, reason: '签退时间有误，实际服务 1.5 小时', replacementMinutes: 90, now: at(9 * HOUR) }));
    const ledger = await hoursOf(b);
    expect(ledger.entries.find((e) => e.id === entryB.id)!.status).toBe('reversed');
    expect(ledger.entries.find((e) => e.id === r.reversalId)).toMatchObject({ status: 'reversal', minutes: -60, reason: '签退时间有误，实际服务 1.5 小时' });
    expect(ledger.entries.find((e) => e.id === r.replacementId)).toMatchObject({ status: 'pending', minutes: 90, evidence: 'leader' });
    expect(ledger.totals).toMatchObject({ approvedMinutes: 60, pendingMinutes: 90 });
    expect(await refusal(inJinyuan((tx) => reverseHours(tx, leader, { entryId: entryB.id, reason: '再来一次' })))).toBe('volunteer.hours.alreadyReversed');
    expect(await refusal(inJinyuan((tx) => reverseHours(tx, leader, { entryId: r.reversalId, reason: '冲正的冲正' })))).toBe('volunteer.hours.isReversal');
    await inJinyuan((tx) => approveHourEntries(tx, leader, { entryIds: [r.replacementId!], step: 'leader' }));
    expect((await hoursOf(b)).totals).toMatchObject({ approvedMinutes: 150, starMinutes: 90 });
    // The runtime role cannot change or remove a ledger row.
    const denied = (p: Promise<unknown>) => p.then(() => 'allowed', (e: { cause?: { code?: string } }) => e.cause?.code);
    expect(await denied(inJinyuan((tx) => tx.update(volunteerHours).set({ minutes: 999 }).where(eq(volunteerHours.id, entryB.id))))).toBe('42501');
    expect(await denied(inJinyuan((tx) => tx.delete(volunteerHours).where(eq(volunteerHours.id, entryB.id))))).toBe('42501');
    const audit = await withTenant(db.owner, tenantId, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'volunteer_hours_reversed' and subject_id = ${entryB.id}`));
    expect(audit[0]!.n).toBe(1);
  });

  it('star levels follow 100 / 300 / 600 / 1,000 / 1,500 hours by default', () => {
    expect(starLevel(99.5).stars).toBe(0);
    expect(starLevel(100)).toMatchObject({ stars: 1, next: 300, toNext: 200 });
    expect(starLevel(1499).stars).toBe(4);
    expect(starLevel(1500)).toMatchObject({ stars: 5, next: null, progress: 1 });
  });
});

describe('another community', () => {
  it('sees none of this community’s teams or shifts', async () => {
    const other = await caller('13800000004');
    void other;
    void outsider;
    const [unit] = await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.kind} = 'community' and ${orgUnits.id} <> ${tenantId}`).limit(1);
    const rows = await withTenant(db.app, unit!.id, (tx) => tx.select().from(volunteerSignups));
    expect(rows).toEqual([]);
  });
});

describe('service certificates', () => {
  it('certifies approved top-level hours only, numbered per year, verifiable by code with a masked name; a volunteer only their own', async () => {
    const start = at(-30 * HOUR);
    const { shiftIds } = await inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '敬老院陪伴', place: '金元敬老院', shifts: [{ startsAt: at(2 * HOUR), endsAt: at(4 * HOUR), capacity: 5 }], publish: true, now: NOW }));
    const shiftId = shiftIds[0]!;
    const a = await volunteer();
    const other = await volunteer();
    const signup = await inJinyuan((tx) => signUpForShift(tx, self(a), { shiftId, residentId: a, now: NOW }));
    await inJinyuan((tx) => checkInFromList(tx, leader, { signupId: signup.id, now: at(2 * HOUR) }));
    await inJinyuan((tx) => checkOutFromList(tx, leader, { signupId: signup.id, now: at(4 * HOUR) }));
    // Hours entered afterwards never count toward certificates, approved or not.
    await inJinyuan((tx) => enterHoursAfterwards(tx, staff, { residentId: a, teamId, servedFrom: start, servedTo: at(-28 * HOUR), content: '补录', now: NOW }));
    const later = at(5 * HOUR);
    // A certificate names the office's person in charge and contact (t35): the community's settings have them.
    const named = { certificatePersonInCharge: '张丽', certificateContact: '0851-8479 2026' };
    await withTenant(db.owner, tenantId, (tx) => tx.insert(volunteerSettings).values({ tenantId, ...named }).onConflictDoUpdate({ target: volunteerSettings.tenantId, set: named }));
    expect(await refusal(inJinyuan((tx) => issueVolunteerCertificate(tx, self(a), { residentId: a, now: later })))).toBe('volunteer.certificate.noHours');
    await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId, now: later }));

    expect(await refusal(inJinyuan((tx) => issueVolunteerCertificate(tx, self(other), { residentId: a, now: later })))).toBe('volunteer.notFound');
    expect(await refusal(inJinyuan((tx) => issueVolunteerCertificate(tx, self(a), { residentId: a, from: '2026-12-01', to: '2026-11-30', now: later })))).toBe('volunteer.certificate.period');
    const first = await inJinyuan((tx) => issueVolunteerCertificate(tx, self(a), { residentId: a, now: later }));
    expect(first.minutes).toBe(120);
    expect(first.number).toMatch(/^2026-\d{6}$/);
    // The same period and hours asked again (a second tap, found by an outside trial): the certificate already issued.
    const again = await inJinyuan((tx) => issueVolunteerCertificate(tx, staff, { residentId: a, now: later }));
    expect(again).toMatchObject({ id: first.id, number: first.number, repeated: true });
    // A revoked certificate is never the answer: the same request then issues a new number.
    await withTenant(db.owner, tenantId, (tx) => tx.update(volunteerCertificates).set({ revokedAt: later }).where(eq(volunteerCertificates.id, first.id)));
    const reissued = await inJinyuan((tx) => issueVolunteerCertificate(tx, staff, { residentId: a, now: later }));
    expect(reissued.repeated).toBe(false);
    expect(reissued.id).not.toBe(first.id);
    await withTenant(db.owner, tenantId, (tx) => tx.update(volunteerCertificates).set({ revokedAt: null }).where(eq(volunteerCertificates.id, first.id)));
    const second = await inJinyuan((tx) => issueVolunteerCertificate(tx, staff, { residentId: a, from: '2026-11-01', now: later }));
    expect(second.repeated).toBe(false);
    expect(Number(second.number.slice(5))).toBe(Number(first.number.slice(5)) + 2); // after the reissued one

    const shown = await inJinyuan((tx) => verifyVolunteerCertificate(tx, anonymousCaller(), { tenantId, code: first.verifyCode }));
    expect(shown).toEqual({ number: first.number, nameHint: expect.stringMatching(/^志\*+$/), hours: 2, issuer: expect.any(String), revoked: false });
    expect(await refusal(inJinyuan((tx) => verifyVolunteerCertificate(tx, anonymousCaller(), { tenantId, code: 'AAAAAAAAAAAAAAAA' })))).toBe('volunteer.certificate.notFound');
    const printed = await inJinyuan((tx) => getVolunteerCertificate(tx, self(a), { certificateId: first.id, cipher }));
    expect(printed).toMatchObject({ number: first.number, hours: 2, content: '敬老院陪伴', issuedOn: '2026-11-29' });
    expect(printed.name).toMatch(/^志愿者\d+$/);
    expect(await refusal(inJinyuan((tx) => getVolunteerCertificate(tx, self(other), { certificateId: first.id, cipher })))).toBe('volunteer.certificate.notFound');
    // Another community knows nothing of it.
    const [unit] = await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.kind} = 'community' and ${orgUnits.id} <> ${tenantId}`).limit(1);
    expect(await refusal(withTenant(db.app, unit!.id, (tx) => verifyVolunteerCertificate(tx, anonymousCaller(), { tenantId: unit!.id, code: first.verifyCode })))).toBe('volunteer.certificate.notFound');
  });
});

describe('recognitions and the honour wall', () => {
  it('staff nominate, another admin records the committee’s decision; the wall shows approved ones of those who agreed', async () => {
    const shown = await volunteer('1980-05', { showOnWall: true });
    const hidden = await volunteer('1981-05', { showOnWall: false });
    const a = await inJinyuan((tx) => nominateVolunteer(tx, staff, { residentId: shown, title: '金元之星', year: 2026, citation: '常年为独居老人送餐' }));
    const b = await inJinyuan((tx) => nominateVolunteer(tx, admin, { residentId: hidden, title: '金元之星', year: 2026, citation: '防汛值守' }));
    expect(await refusal(inJinyuan((tx) => nominateVolunteer(tx, staff, { residentId: shown, title: '金元之星', year: 2026, citation: '再提一次' })))).toBe('volunteer.recognition.duplicate');
    expect(await refusal(inJinyuan((tx) => nominateVolunteer(tx, leader, { residentId: shown, title: '金元之星', year: 2027, citation: '队长不能提名' })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => decideRecognition(tx, staff, { recognitionId: a.id, approve: true })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => decideRecognition(tx, admin, { recognitionId: b.id, approve: true })))).toBe('volunteer.recognition.sameDecider');
    await inJinyuan((tx) => decideRecognition(tx, admin, { recognitionId: a.id, approve: true, note: '共治委员会 2026 年第 4 次会议' }));
    expect(await refusal(inJinyuan((tx) => decideRecognition(tx, admin, { recognitionId: a.id, approve: false })))).toBe('volunteer.recognition.decided');
    const wall = await inJinyuan((tx) => listHonourWall(tx, anonymousCaller(), { tenantId }));
    const mine = wall.filter((w) => w.citation === '常年为独居老人送餐' || w.citation === '防汛值守');
    expect(mine).toEqual([expect.objectContaining({ title: '金元之星', year: 2026, nameHint: expect.stringMatching(/^志\*+$/) })]);
  });
});

describe('figures and the Excel export', () => {
  it('counts the year’s approved hours per team and per volunteer from the live ledger, and exports them', async () => {
    const figures = await inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2026 }));
    const team = figures.teams.find((t) => t.id === teamId)!;
    expect(team.hours).toBeGreaterThanOrEqual(2);
    expect(team.months.reduce((a, h) => a + h, 0)).toBeCloseTo(team.hours, 1);
    expect(team.attendances).toBeGreaterThan(0);
    expect(figures.totals.hours).toBeGreaterThanOrEqual(team.hours);
    expect(figures.volunteers[0]!.hours).toBeGreaterThan(0);
    expect(figures.volunteers.every((v) => /\*/.test(v.nameHint))).toBe(true);
    expect((await inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2025 }))).totals.hours).toBe(0);
    const file = await inJinyuan((tx) => exportVolunteerFigures(tx, staff, { year: 2026, cipher }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '服务队', '志愿者']);
    // Names are opened for the report (the export is audited).
    expect(String(wb.getWorksheet('志愿者')!.getRow(2).getCell(2).value)).not.toContain('*');
  });
});

describe('the wish wall (微心愿 认领/点亮)', () => {
  it('a claim not kept by its date returns the wish to the wall exactly once; a kept one is confirmed lit', async () => {
    const { id: itemId } = await inJinyuan((tx) => publishWishOnWall(tx, staff, { title: '想要几本绘本', publicText: '一位上小学的小朋友想要几本绘本。' }));
    const claimer = await volunteer();
    const other = await volunteer();
    const stranger = await person();
    expect(await refusal(inJinyuan((tx) => claimWish(tx, self(stranger), { itemId, promisedOn: '2026-12-05', now: NOW })))).toBe('volunteer.wish.notEligible');
    expect(await refusal(inJinyuan((tx) => claimWish(tx, self(claimer), { itemId, promisedOn: '2026-11-28', now: NOW })))).toBe('volunteer.wish.promise');
    const claim = await inJinyuan((tx) => claimWish(tx, self(claimer), { itemId, promisedOn: '2026-12-05', now: NOW }));
    expect(claim.dueAt.toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(await refusal(inJinyuan((tx) => claimWish(tx, self(other), { itemId, promisedOn: '2026-12-06', now: NOW })))).toBe('volunteer.wish.taken');
    expect((await inJinyuan((tx) => listWishWall(tx, anonymousCaller(), { tenantId, now: NOW }))).find((w) => w.id === itemId)).toMatchObject({ status: 'claimed', promisedOn: '2026-12-05' });

    const [timer] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'wish_claim'), eq(deadlines.subjectId, claim.id)));
    const late = new Date(claim.dueAt.getTime() + 60_000);
    const results = await Promise.all([1, 2, 3].map(() => wakeDeadline(db.app, timer!.id, null, late, tenantId)));
    expect(results.filter((r) => r === 'breached')).toHaveLength(1);
    const told = await withTenant(db.owner, tenantId, (tx) => tx.select().from(outbox).where(eq(outbox.kind, 'wish_claim_expired')));
    expect(told.filter((m) => m.body.includes('想要几本绘本'))).toHaveLength(1);
    expect((await inJinyuan((tx) => listWishWall(tx, anonymousCaller(), { tenantId, now: late }))).find((w) => w.id === itemId)).toMatchObject({ status: 'open', promisedOn: null });
    expect(await refusal(inJinyuan((tx) => confirmWishLit(tx, staff, { itemId, now: late })))).toBe('volunteer.wish.notClaimed');

    // Claimed again and kept: staff confirm it lit with the thanks; its timer is settled, nothing expires later.
    const again = await inJinyuan((tx) => claimWish(tx, self(other), { itemId, promisedOn: '2026-12-10', now: late }));
    await inJinyuan((tx) => confirmWishLit(tx, staff, { itemId, thanks: '谢谢叔叔阿姨，我很喜欢这些书！', now: late }));
    const [settled] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'wish_claim'), eq(deadlines.subjectId, again.id)));
    expect(settled!.state).toBe('met');
    expect((await inJinyuan((tx) => listWishWall(tx, anonymousCaller(), { tenantId, now: late }))).find((w) => w.id === itemId)).toMatchObject({ status: 'lit', thanks: '谢谢叔叔阿姨，我很喜欢这些书！' });
    expect(await refusal(inJinyuan((tx) => publishWishOnWall(tx, leader, { title: 'x', publicText: 'y' })))).toBe('forbidden');
  });
});

describe('an activity from a wish, closed with its report', () => {
  it('resolves the wish it answers with the report; a leader who may not act on cases closes it and the wish waits', async () => {
    const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-volunteer-wish-'))) };
    const [category] = await withTenant(db.owner, tenantId, (tx) => tx.select({ id: categories.id }).from(categories).limit(1));
    const wish = await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '希望小区多组织小朋友开展活动', consent: true, mobile: '13922230001', photos: [], channel: 'qr', deps });
    await inJinyuan((tx) => acceptCase(tx, { actor: admin.actor, ability: admin.ability }, { tenantId, caseId: wish.id }));
    const garden = await inJinyuan((tx) => createActivity(tx, admin, { teamId, title: '儿童菜园日', place: '社区菜园', wishCaseId: wish.id, shifts: [{ startsAt: at(-6 * HOUR), endsAt: at(-3 * HOUR), capacity: 20 }], publish: true, now: at(-48 * HOUR) }));
    expect(await refusal(inJinyuan((tx) => closeActivity(tx, admin, { activityId: garden.id, report: '' })))).toBe('volunteer.activity.report');
    const closed = await inJinyuan((tx) => closeActivity(tx, admin, { activityId: garden.id, report: '12 个家庭参加，孩子们种下了青菜和萝卜。', now: NOW }));
    expect(closed.wishResolved).toBe(true);
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select({ status: cases.status, resolution: cases.resolution }).from(cases).where(eq(cases.id, wish.id)));
    expect(row).toEqual({ status: 'resolved', resolution: '儿童菜园日：12 个家庭参加，孩子们种下了青菜和萝卜。' });
    expect(await refusal(inJinyuan((tx) => closeActivity(tx, admin, { activityId: garden.id, report: '再关一次' })))).toBe('volunteer.activity.notOpen');

    const other = await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '希望周末有亲子活动', consent: true, mobile: '13922230002', photos: [], channel: 'qr', deps });
    const reading = await inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '亲子阅读会', place: '社区书屋', wishCaseId: other.id, shifts: [{ startsAt: at(-6 * HOUR), endsAt: at(-3 * HOUR), capacity: 20 }], publish: true, now: at(-48 * HOUR) }));
    expect((await inJinyuan((tx) => closeActivity(tx, leader, { activityId: reading.id, report: '8 组家庭参加。', now: NOW }))).wishResolved).toBe(false);
    const [waiting] = await withTenant(db.owner, tenantId, (tx) => tx.select({ status: cases.status }).from(cases).where(eq(cases.id, other.id)));
    expect(waiting!.status).toBe('submitted');
  });
});
