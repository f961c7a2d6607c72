import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { deadlines, orgUnits, outbox, volunteerHours, volunteerSignups, volunteerTeams, withTenant } from '@shequ/db';
import { QR_STEP_MS, starLevel } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addPartyMember,
  approveHourEntries,
  approveShiftHours,
  cancelSignup,
  checkInByScan,
  checkInFromList,
  createActivity,
  createPartyOrg,
  createVolunteerTeam,
  enterHoursAfterwards,
  getShiftQr,
  getVolunteerHours,
  recordTraining,
  registerResident,
  registerVolunteer,
  registerWalkUp,
  reverseHours,
  signUpForShift,
  wakeDeadline,
  type StaffCaller,
  type VolunteerSelf,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
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
  const leaderResident = await person('1968-03');
  // A team is led by a party member of the community (issue 16).
  const branch = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '志愿测试党总支' }));
  await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: leaderResident, orgId: branch.id }));
  teamId = (await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '金元先锋队', focus: '一老一小', leaderResidentId: leaderResident, leaderUserId: leader.actor.userId }))).id;
});

describe('volunteers and teams', () => {
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
    const ok = await activity(shifts, { risky: true, insuranceRecord: '平安财险 PA2026-001' });
    expect(ok.published).toBe(true);
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

    const [deadline] = await db.owner.select().from(deadlines).where(and(eq(deadlines.subjectType, 'volunteer_shift'), eq(deadlines.subjectId, shiftId)));
    expect(deadline!.dueAt.getTime()).toBe(END.getTime() + 30 * 60_000);
    const due = new Date(END.getTime() + 31 * 60_000);
    const results = await Promise.all([1, 2, 3].map(() => wakeDeadline(db.app, deadline!.id, null, due, tenantId)));
    expect(results.filter((r) => r === 'breached')).toHaveLength(1);
    const entries = await withTenant(db.owner, tenantId, (tx) => tx.select().from(volunteerHours).where(eq(volunteerHours.shiftId, shiftId)));
    const by = (r: string) => entries.filter((e) => e.residentId === r);
    expect(by(listed)).toEqual([expect.objectContaining({ minutes: 90, evidence: 'leader', autoCheckout: true })]);
    expect(by(forgetful)).toEqual([expect.objectContaining({ minutes: 120, evidence: 'leader', autoCheckout: true })]);
    expect(by(walkUp.residentId)).toEqual([expect.objectContaining({ minutes: 90, evidence: 'leader', autoCheckout: true })]);
    void forgetfulSignup;
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
