import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, orgUnits, volunteerHours, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addPartyMember,
  applyToTeam,
  approveHourEntries,
  approveShiftHours,
  checkInFromList,
  checkOutFromList,
  createActivity,
  createPartyOrg,
  createVolunteerTeam,
  decideTeamApplication,
  exportVolunteerFigures,
  getShiftSheet,
  listPendingHours,
  getVolunteerProfile,
  getVolunteerTeam,
  recordTraining,
  registerResident,
  registerVolunteer,
  reverseHours,
  signUpForShift,
  updateVolunteerTeam,
  volunteerFigures,
  type StaffCaller,
  type VolunteerSelf,
} from '../src/index.ts';
import { shiftSheetActionSchema } from '../src/schemas.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 17, the pages an outside trial found missing (stop 27): a team's page (members with hours and stars, deputy,
// recruiting), a volunteer's page (training records with expiry), the shift sheet's ledger (reversals with their
// reason, partial approval, walk-ups from the team), and monthly figures per team and per volunteer with the export's
// month columns.
const db = seededDatabase();
const cipher = createPersonalDataCipher('7a'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z'); // 11:00 in China
const HOUR = 3600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let tenantId: string;
let admin: StaffCaller;
let staff: StaffCaller;
let leader: StaffCaller;
let grid: StaffCaller;
let teamId: string;
let otherTeamId: string;
let leaderResident: string;
const inJinyuan = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

async function caller(mobile: string, community = '520115001001'): Promise<StaffCaller> {
  const [unit] = await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, community));
  const actor = await db.actorFor(mobile, unit!.id);
  return { actor, ability: defineAbilityFor(actor) };
}
let seq = 0;
async function person(birth = '1980-05') {
  seq += 1;
  const name = `页面志愿${seq}`;
  const { id } = await inJinyuan((tx) => registerResident(tx, admin, { name, birth, mobile: `137${String(20_000_000 + seq).slice(-8)}`, consent: true, consentChannel: 'in_person', cipher, now: NOW }));
  return { id, name };
}
async function volunteer() {
  const p = await person();
  await inJinyuan((tx) => registerVolunteer(tx, admin, { residentId: p.id, consent: true, skills: ['陪伴'], now: NOW }));
  return p;
}
const self = (residentId: string): VolunteerSelf => ({ kind: 'volunteer', tenantId, residentId });
/** A volunteer who applied to the team and was accepted by its leader. */
async function member() {
  const v = await volunteer();
  await inJinyuan((tx) => applyToTeam(tx, self(v.id), { teamId, residentId: v.id }));
  await inJinyuan((tx) => decideTeamApplication(tx, leader, { teamId, residentId: v.id, accept: true }));
  return v;
}
/** A shift of the team this afternoon (13:00–15:00 China time) that `people` served in full, approved by the leader. */
async function servedShift(people: string[], approve = true) {
  const { shiftIds } = await inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '楼道清洁', place: '3栋', shifts: [{ startsAt: at(2 * HOUR), endsAt: at(4 * HOUR), capacity: 10 }], publish: true, now: NOW }));
  const shiftId = shiftIds[0]!;
  for (const p of people) {
    const signup = await inJinyuan((tx) => signUpForShift(tx, self(p), { shiftId, residentId: p, now: NOW }));
    await inJinyuan((tx) => checkInFromList(tx, leader, { signupId: signup.id, now: at(2 * HOUR) }));
    await inJinyuan((tx) => checkOutFromList(tx, leader, { signupId: signup.id, now: at(4 * HOUR) }));
  }
  if (approve) await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId, now: at(5 * HOUR) }));
  return shiftId;
}

beforeAll(async () => {
  admin = await caller('13800000004');
  staff = await caller('13800000005');
  leader = await caller('13800000007');
  grid = await caller('13800000006');
  tenantId = admin.actor.workspace.tenantId!;
  const org = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: '页面测试党总支' }));
  leaderResident = (await person('1968-03')).id;
  await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: leaderResident, orgId: org.id, kind: 'local' }));
  teamId = (await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '页面测试队', focus: '环境', leaderResidentId: leaderResident, leaderUserId: leader.actor.userId }))).id;
  // A team the leader's account does not run.
  otherTeamId = (await inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '页面测试二队', leaderResidentId: leaderResident }))).id;
});

describe('a team’s page: members, deputy, recruiting', () => {
  it('lists the members with their hours with the team and stars to its leader and the office; another team’s page is unknown to her, every team to a grid worker', async () => {
    const a = await member();
    const b = await member();
    await servedShift([a.id]);
    const page = await inJinyuan((tx) => getVolunteerTeam(tx, leader, { teamId }));
    expect(page.canSeeHours).toBe(true);
    expect(page.team).toMatchObject({ name: '页面测试队', focus: '环境', recruiting: true, leaderResidentId: leaderResident, deputyResidentId: null });
    expect(page.team.leaderNameHint).toMatch(/^页\*+$/);
    const row = (id: string) => page.members.find((m) => m.residentId === id);
    expect(row(a.id)).toMatchObject({ hours: 2, stars: 0, joinedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), nameHint: expect.stringMatching(/^页\*+$/) });
    expect(row(b.id)).toMatchObject({ hours: 0, stars: 0 });
    expect((await inJinyuan((tx) => getVolunteerTeam(tx, staff, { teamId }))).members.map((m) => m.residentId)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await refusal(inJinyuan((tx) => getVolunteerTeam(tx, leader, { teamId: otherTeamId })))).toBe('volunteer.team.notFound');
    expect(await refusal(inJinyuan((tx) => getVolunteerTeam(tx, grid, { teamId })))).toBe('volunteer.team.notFound');
    expect(await refusal(inJinyuan((tx) => getVolunteerTeam(tx, leader, { teamId: '00000000-0000-7000-8000-000000000000' })))).toBe('volunteer.team.notFound');
  });

  it('lets the leader name a deputy and stop recruiting (我的’s apply is then refused), audited; never the leader as deputy, nor another team', async () => {
    const deputy = await member();
    await inJinyuan((tx) => updateVolunteerTeam(tx, leader, { teamId, focus: '环境整治', deputyResidentId: deputy.id, recruiting: false }));
    const page = await inJinyuan((tx) => getVolunteerTeam(tx, leader, { teamId }));
    expect(page.team).toMatchObject({ focus: '环境整治', deputyResidentId: deputy.id, recruiting: false, deputyNameHint: expect.stringMatching(/^页\*+$/) });
    const [audit] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, 'volunteer_team_updated'), eq(auditEvents.subjectId, teamId))));
    expect(audit!.detail).toMatchObject({ changed: ['focus', 'deputyResidentId', 'recruiting'], recruiting: false });

    const newcomer = await volunteer();
    expect(await refusal(inJinyuan((tx) => applyToTeam(tx, self(newcomer.id), { teamId, residentId: newcomer.id })))).toBe('volunteer.team.notRecruiting');
    await inJinyuan((tx) => updateVolunteerTeam(tx, leader, { teamId, focus: '环境整治', deputyResidentId: deputy.id, recruiting: true }));
    expect(await inJinyuan((tx) => applyToTeam(tx, self(newcomer.id), { teamId, residentId: newcomer.id }))).toEqual({ status: 'applied' });

    expect(await refusal(inJinyuan((tx) => updateVolunteerTeam(tx, leader, { teamId, deputyResidentId: leaderResident, recruiting: true })))).toBe('volunteer.team.deputyIsLeader');
    expect(await refusal(inJinyuan((tx) => createVolunteerTeam(tx, admin, { name: '页面测试三队', leaderResidentId: leaderResident, deputyResidentId: leaderResident })))).toBe('volunteer.team.deputyIsLeader');
    expect(await refusal(inJinyuan((tx) => updateVolunteerTeam(tx, leader, { teamId, deputyResidentId: '00000000-0000-7000-8000-000000000000', recruiting: true })))).toBe('volunteer.leader.notEligible');
    expect(await refusal(inJinyuan((tx) => updateVolunteerTeam(tx, leader, { teamId: otherTeamId, recruiting: false })))).toBe('volunteer.team.notFound');
    expect(await refusal(inJinyuan((tx) => updateVolunteerTeam(tx, grid, { teamId, recruiting: false })))).toBe('volunteer.team.notFound');
    // The office may change any team; an empty deputy clears it.
    await inJinyuan((tx) => updateVolunteerTeam(tx, staff, { teamId: otherTeamId, deputyResidentId: '', recruiting: false }));
    expect((await inJinyuan((tx) => getVolunteerTeam(tx, staff, { teamId: otherTeamId }))).team).toMatchObject({ deputyResidentId: null, recruiting: false });
  });
});

describe('a volunteer’s page: training records with expiry', () => {
  it('lists trainings newest first with their expiry, expired ones marked; the office records them, a leader sees only her teams’ people', async () => {
    const v = await member();
    await inJinyuan((tx) => recordTraining(tx, staff, { residentId: v.id, name: '急救培训', completedOn: '2024-03-01', expiresOn: '2026-03-01' }));
    await inJinyuan((tx) => recordTraining(tx, staff, { residentId: v.id, name: '消防培训', completedOn: '2026-06-01', expiresOn: '2028-06-01' }));
    await inJinyuan((tx) => recordTraining(tx, staff, { residentId: v.id, name: '安全知识', completedOn: '2025-01-01' }));
    const profile = await inJinyuan((tx) => getVolunteerProfile(tx, staff, { residentId: v.id }, NOW));
    expect(profile.trainings.map((t) => [t.name, t.expiresOn, t.expired])).toEqual([
      ['消防培训', '2028-06-01', false],
      ['安全知识', null, false],
      ['急救培训', '2026-03-01', true],
    ]);
    expect(profile).toMatchObject({ skills: ['陪伴'], consentOn: '2026-11-29', canRecordTraining: true, teams: [{ id: teamId, name: '页面测试队' }] });
    // The leader sees her team's member, read-only; not a volunteer of no team of hers.
    expect(await inJinyuan((tx) => getVolunteerProfile(tx, leader, { residentId: v.id }, NOW))).toMatchObject({ canRecordTraining: false });
    const stranger = await volunteer();
    expect(await refusal(inJinyuan((tx) => getVolunteerProfile(tx, leader, { residentId: stranger.id }, NOW)))).toBe('volunteer.notFound');
    expect(await refusal(inJinyuan((tx) => getVolunteerProfile(tx, grid, { residentId: v.id }, NOW)))).toBe('volunteer.notFound');
    expect(await refusal(inJinyuan((tx) => recordTraining(tx, leader, { residentId: v.id, name: '队长记录', completedOn: '2026-01-01' })))).toBe('forbidden');
    // Dates that cannot be: said beside their field in words of their own (it was 填写有误 for an early expiry, and a
    // training completed next year was taken).
    const field = async (p: Promise<unknown>) => p.then(() => null, (e: { code: string; params?: { field?: string } }) => [e.code, e.params?.field]);
    expect(await field(inJinyuan((tx) => recordTraining(tx, staff, { residentId: v.id, name: '急救培训', completedOn: '2026-06-01', expiresOn: '2026-05-01' }, NOW)))).toEqual(['volunteer.training.expiry', 'expiresOn']);
    expect(await field(inJinyuan((tx) => recordTraining(tx, staff, { residentId: v.id, name: '急救培训', completedOn: '2026-06-01', expiresOn: '2026-06-01' }, NOW)))).toEqual(['volunteer.training.expiry', 'expiresOn']);
    expect(await field(inJinyuan((tx) => recordTraining(tx, staff, { residentId: v.id, name: '急救培训', completedOn: '2026-11-30' }, NOW)))).toEqual(['volunteer.training.future', 'completedOn']);
    expect((await inJinyuan((tx) => getVolunteerProfile(tx, staff, { residentId: v.id }, NOW))).trainings).toHaveLength(3);
  });
});

describe('the shift sheet: the ledger as it is, and who may walk up', () => {
  it('names every entry; a correction shows as a reversal with its reason beside the reversed entry and its replacement; team members not on the shift are offered for a walk-up', async () => {
    const a = await member();
    const away = await member();
    const shiftId = await servedShift([a.id]);
    const before = await inJinyuan((tx) => getShiftSheet(tx, leader, { shiftId }));
    const entry = before.entries.find((e) => e.residentId === a.id)!;
    expect(entry).toMatchObject({ status: 'approved', minutes: 120, nameHint: expect.stringMatching(/^页\*+$/), mobileHint: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/), reason: null, reversesId: null });
    expect(before.members.map((m) => m.residentId)).toContain(away.id);
    expect(before.members.map((m) => m.residentId)).not.toContain(a.id);
    expect(before).toMatchObject({ canApprove: true, canWalkUp: true });

    await inJinyuan((tx) => reverseHours(tx, leader, { entryId: entry.id, reason: '签退时间记错', replacementMinutes: 90, now: at(6 * HOUR) }));
    const after = await inJinyuan((tx) => getShiftSheet(tx, leader, { shiftId }));
    // Nothing erased: the entry stays (reversed), beside the reversal (negative, with its reason) and the corrected one.
    expect(after.entries.map((e) => [e.status, e.minutes, e.reason])).toEqual(
      expect.arrayContaining([
        ['reversed', 120, null],
        ['reversal', -120, '签退时间记错'],
        ['pending', 90, '签退时间记错'],
      ]),
    );
    expect(after.entries).toHaveLength(3);
    expect(after.entries.every((e) => e.nameHint === entry.nameHint)).toBe(true);
    expect(after.entries.find((e) => e.status === 'reversal')!.reversesId).toBe(entry.id);
    expect(await refusal(inJinyuan((tx) => reverseHours(tx, leader, { entryId: entry.id, reason: '再冲一次' })))).toBe('volunteer.hours.alreadyReversed');
    // A correction that claims more than the shift's length rests on nobody's check-out: entered afterwards (no star, no
    // certificate), and the office approves it too, whatever the threshold — a leader turned 6 minutes into 600 and
    // approved them alone at 队长确认, and 150 minutes on this two-hour shift stayed under the 240-minute threshold
    // (both found from outside).
    const corrected = after.entries.find((e) => e.status === 'pending')!;
    const { replacementId } = await inJinyuan((tx) => reverseHours(tx, leader, { entryId: corrected.id, reason: '实际提前到场布置', replacementMinutes: 150, now: at(7 * HOUR) }));
    const [stuffed] = await withTenant(db.owner, tenantId, (tx) => tx.select({ evidence: volunteerHours.evidence, needsSecondApproval: volunteerHours.needsSecondApproval }).from(volunteerHours).where(eq(volunteerHours.id, replacementId!)));
    expect(stuffed).toEqual({ evidence: 'afterwards', needsSecondApproval: true });
    // The leader approves it on the shift page and is told the office still has to; the office finds it among the
    // hours to approve and gives the second approval (it had no page and stayed 待审核 for good: found from outside).
    const first = await inJinyuan((tx) => approveShiftHours(tx, leader, { shiftId, entryIds: [replacementId!], now: at(8 * HOUR) }));
    expect(first).toMatchObject({ approved: [replacementId], officeLeft: 1 });
    expect((await inJinyuan((tx) => getShiftSheet(tx, leader, { shiftId }))).entries.find((e) => e.id === replacementId)).toMatchObject({ status: 'pending', awaitingOffice: true });
    const waiting = (await inJinyuan((tx) => listPendingHours(tx, staff))).entries.find((e) => e.id === replacementId);
    expect(waiting).toMatchObject({ step: 'second', canApprove: true });
    await inJinyuan((tx) => approveHourEntries(tx, staff, { entryIds: [replacementId!], step: 'second', now: at(9 * HOUR) }));
    expect((await inJinyuan((tx) => getShiftSheet(tx, leader, { shiftId }))).entries.find((e) => e.id === replacementId)).toMatchObject({ status: 'approved', awaitingOffice: false });
    // The grid worker has no sheet; the walk-up needs 'create' on volunteers (the office and leaders have it).
    expect(await refusal(inJinyuan((tx) => getShiftSheet(tx, grid, { shiftId })))).toBe('volunteer.team.notFound');
  });

  it('the page’s schema asks for the entries to approve and for a correction’s reason, in words of the page', () => {
    const none = shiftSheetActionSchema.safeParse({ intent: 'approveSome' });
    expect(none.success ? null : none.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['entryIds', 'volunteers.shiftHours.chooseEntries']]);
    const noReason = shiftSheetActionSchema.safeParse({ intent: 'reverse', entryId: '00000000-0000-7000-8000-000000000000', reason: '  ' });
    expect(noReason.success ? null : noReason.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reason', 'refusals.volunteer.hours.reason']]);
    const walkUp = shiftSheetActionSchema.safeParse({ intent: 'walkUp', residentId: '', name: '路人', mobile: '13900000000', birth: '1990-01-01', consent: 'on' });
    expect(walkUp.success && walkUp.data).toMatchObject({ intent: 'walkUp', residentId: null, consent: true });
  });
});

describe('monthly figures per team and per volunteer', () => {
  it('counts a month’s hours and attendances, keeps the year by month per team and per volunteer, and puts month columns in the export’s volunteer sheet', async () => {
    const a = await member();
    await servedShift([a.id]);
    const november = await inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2026, month: 11 }));
    expect(november.month).toBe(11);
    const mine = november.volunteers.find((v) => v.residentId === a.id)!;
    expect(mine).toMatchObject({ hours: 2, times: 1, teams: ['页面测试队'] });
    expect(mine.months[10]).toBe(2);
    expect(mine.months.reduce((s, h) => s + h, 0)).toBe(2);
    const team = november.teams.find((t) => t.id === teamId)!;
    expect(team.hours).toBeGreaterThanOrEqual(2);
    expect(team.months[10]).toBe(team.hours);
    // October: nothing of this volunteer, and the team served nothing.
    const october = await inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2026, month: 10 }));
    expect(october.volunteers.find((v) => v.residentId === a.id)).toBeUndefined();
    expect(october.teams.find((t) => t.id === teamId)).toMatchObject({ hours: 0, attendances: 0, shifts: 0 });
    // The whole year (no month) as before.
    expect((await inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2026 }))).month).toBeNull();
    await expect(inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2026, month: 13 }))).rejects.toThrow('invalid input (month)');
    expect(await refusal(inJinyuan((tx) => volunteerFigures(tx, grid, { year: 2026, month: 11 })))).toBe('forbidden');
    // A team's leader gets the teams she runs only, and only their volunteers (she saw and exported every team's
    // volunteers with full names: found from outside); the office gets every team.
    const asOffice = await inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2026 }));
    const asLeader = await inJinyuan((tx) => volunteerFigures(tx, leader, { year: 2026 }));
    expect(asOffice.teams.map((t) => t.id)).toEqual(expect.arrayContaining([teamId, otherTeamId]));
    expect(asLeader.teams.map((t) => t.id)).toContain(teamId);
    expect(asLeader.teams.map((t) => t.id)).not.toContain(otherTeamId);
    expect(asLeader.teams.length).toBeLessThan(asOffice.teams.length);
    expect(asLeader.volunteers.every((v) => v.teams.every((name) => asLeader.teams.some((t) => t.name === name)))).toBe(true);
    expect(asLeader.volunteers.map((v) => v.residentId)).toContain(a.id);
    // Activities held: a shift still ahead is not counted (December's future shifts were: found from outside). The
    // test's own December shift, so the check does not rest on the demo's shifts and today's date.
    await inJinyuan((tx) => createActivity(tx, leader, { teamId, title: '十二月义诊', place: '广场', shifts: [{ startsAt: new Date('2026-12-10T01:00:00Z'), endsAt: new Date('2026-12-10T03:00:00Z'), capacity: 5 }], publish: true, now: NOW }));
    const held = (at: string) => inJinyuan((tx) => volunteerFigures(tx, staff, { year: 2026, month: 12 }, new Date(at)));
    expect((await held('2026-11-15T00:00:00Z')).teams.find((t) => t.id === teamId)!.activities).toBe(0);
    expect((await held('2026-12-31T00:00:00Z')).teams.find((t) => t.id === teamId)!.activities).toBeGreaterThanOrEqual(1);

    const file = await inJinyuan((tx) => exportVolunteerFigures(tx, staff, { year: 2026, cipher }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('志愿者')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '姓名', '服务队', '服务次数', '服务时长（小时）', ...Array.from({ length: 12 }, (_, m) => `${m + 1}月`), '星级']);
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(2).value === a.name) row = r;
    });
    expect(row).toBeDefined();
    expect(row!.getCell(5).value).toBe(2);
    expect(row!.getCell(16).value).toBe(2); // 11月
    expect(row!.getCell(15).value).toBe(0); // 10月
  });
});
