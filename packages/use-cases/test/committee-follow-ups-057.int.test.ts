import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, categories, consultationMeetings, orgUnits, outbox, partnerUnits, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  acceptCase,
  addActionItem,
  addPartyMember,
  anonymousCaller,
  approveMinutes,
  attachMinutesFile,
  checkInOccurrenceAtPost,
  claimServicePost,
  createMatter,
  createPartyOrg,
  createServicePost,
  decideAgendaItem,
  draftMinutes,
  generateOccurrences,
  getDecision,
  getMeeting,
  getMinutesFile,
  getPublicDecision,
  isOnlineMeetingAddress,
  issueOccurrenceCode,
  listPartyMembers,
  listServicePosts,
  listUnitPartyMembers,
  maySeeParty,
  PUBLIC_SATISFACTION_MIN,
  rateCase,
  recordAttendance,
  registerResident,
  removeMinutesFile,
  rescheduleMeeting,
  resolveCase,
  scheduleMeeting,
  setPartyMemberUnit,
  submitCase,
} from '../src/index.ts';
import { meetingWhere } from '../src/cogovernance/meeting-subject.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage, photoHasMetadata } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 18's last pieces (decision 057): a partner unit checks itself in at its post with no account; the scan of the
// minutes attached (PDF, or a photo stripped of metadata) for staff only; online meetings (a link or a meeting number,
// told to the invitees); the residents' satisfaction at the end of a decision's line; a unit's reporting party members.
const db = seededDatabase();
const cipher = createPersonalDataCipher('5d'.repeat(32));
const NOW = new Date('2026-11-30T02:00:00Z');
// When the meeting held the day before NOW was prepared: a week ahead (a meeting is scheduled ahead, decision 074).
const PREPARED = new Date('2026-11-22T02:00:00Z');
type Caller = { actor: Awaited<ReturnType<typeof db.actorFor>>; ability: ReturnType<typeof defineAbilityFor> };
let tenantId: string;
let bihai: string;
let admin: Caller;
let grid: Caller;
let elsewhere: Caller;
const inJinyuan = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
const callerFor = async (mobile: string, tenant: string): Promise<Caller> => {
  const actor = await db.actorFor(mobile, tenant);
  return { actor, ability: defineAbilityFor(actor) };
};
const refused = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; params?: Record<string, unknown> }) => ({ code: e.code, field: e.params?.field }));

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  bihai = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'bihai')))[0]!.id;
  admin = await callerFor('13800000004', tenantId);
  grid = await callerFor('13800000006', tenantId);
  elsewhere = await callerFor('13800000005', bihai);
});

describe('a partner unit checks itself in at its post (no account)', () => {
  it('counts the occurrence delivered once, with the people served; says only the post, unit and time; audited without an actor', async () => {
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: `单位自助签到岗位${Date.now()}`, recurrence: 'weekly:3', startTime: '09:00', keywords: '' }));
    const [unit] = await withTenant(db.owner, tenantId, (tx) => tx.insert(partnerUnits).values({ tenantId, name: `自助签到单位${Date.now()}`, kind: 'individual_business' }).returning({ id: partnerUnits.id, name: partnerUnits.name }));
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unit!.id, claimedOn: '2026-12-01', now: NOW }));
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-12-01', to: '2026-12-10', now: NOW }));
    const occ = (await inJinyuan((tx) => listServicePosts(tx, admin, { now: NOW }))).posts.find((p) => p.id === postId)!.occurrences;
    const { code } = await inJinyuan((tx) => issueOccurrenceCode(tx, admin, { occurrenceId: occ[0]!.id }));
    const start = occ[0]!.startsAt;
    const anyone = anonymousCaller();

    // Junk, a wrong code, too early: refused beside the code, nothing recorded.
    // An empty code is asked for (请填写签到码), not told it is wrong (found by an outside trial).
    expect(await refused(inJinyuan((tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId, code: '', now: start })))).toEqual({ code: 'partner.code.required', field: 'code' });
    expect(await refused(inJinyuan((tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId, code: '<script>', now: start })))).toEqual({ code: 'partner.code.invalid', field: 'code' });
    expect(await refused(inJinyuan((tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId, code, peopleServed: -3, now: start })))).not.toBeNull();
    // A post without places: at most 500 people served at one occurrence (decision 062); the code stays good.
    expect(await refused(inJinyuan((tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId, code, peopleServed: 99_999, now: start })))).toEqual({ code: 'partner.served.tooMany', field: 'peopleServed' });
    expect(await refused(inJinyuan((tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId, code, now: new Date(start.getTime() - 3 * 3600_000) })))).toEqual({ code: 'partner.code.outsideWindow', field: 'code' });
    // The same code in another community's address finds nothing there.
    expect(await refused(withTenant(db.app, bihai, (tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId: bihai, code, now: start })))).toEqual({ code: 'partner.code.invalid', field: 'code' });

    const at = new Date(start.getTime() + 5 * 60_000);
    const done = await inJinyuan((tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId, code: code.toLowerCase(), peopleServed: '12', now: at }));
    expect(done).toEqual({ occurrenceId: occ[0]!.id, post: expect.stringContaining('单位自助签到岗位'), unit: unit!.name, startsAt: start, checkedInAt: at, peopleServed: 12 });
    expect(Object.keys(done).sort()).toEqual(['checkedInAt', 'occurrenceId', 'peopleServed', 'post', 'startsAt', 'unit']);
    // Once only: the desk and the page share the code.
    expect(await refused(inJinyuan((tx) => checkInOccurrenceAtPost(tx, anyone, { tenantId, code, now: at })))).toEqual({ code: 'partner.occurrence.recorded', field: 'code' });
    const after = (await inJinyuan((tx) => listServicePosts(tx, admin, { now: NOW }))).posts.find((p) => p.id === postId)!.occurrences;
    expect(after.map((o) => [o.status, o.peopleServed])).toEqual([
      ['delivered', 12],
      ['scheduled', null],
    ]);
    const audit = await withTenant(db.owner, tenantId, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, 'occurrence_checked_in_by_unit'), eq(auditEvents.subjectId, occ[0]!.id))));
    expect(audit.map((a) => [a.actorUserId, a.detail])).toEqual([[null, { partnerUnitId: unit!.id, peopleServed: 12 }]]);
  });
});

describe('the scan of the minutes', () => {
  it('takes a PDF or a photo (metadata stripped), replaces it until approval, serves it to the community staff only', async () => {
    const storage = localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-minutes-')));
    const matter = await inJinyuan((tx) => createMatter(tx, admin, { title: `纪要扫描测试${Date.now()}`, source: 'staff', caseIds: [] }));
    const { id: meetingId } = await inJinyuan((tx) => scheduleMeeting(tx, admin, { topic: '纪要扫描测试会', startsAt: '2026-12-02T14:30', place: '议事长廊', capacity: null, chairUserId: admin.actor.userId, matterIds: [matter.id], now: NOW }));
    const { default: sharp } = await import('sharp');
    const photo = new Uint8Array(await sharp({ create: { width: 60, height: 80, channels: 3, background: { r: 250, g: 250, b: 250 } } }).jpeg().withExif({ IFD0: { Make: 'OfficePhone' } }).toBuffer());
    expect(await photoHasMetadata(photo)).toBe(true);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

    // Junk and nothing: refused beside the file; nothing kept.
    expect(await refused(inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: null, storage })))).toEqual({ code: 'consultation.minutesFile.empty', field: 'minutesFile' });
    expect(await refused(inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: new TextEncoder().encode('<html>not a scan</html>'), storage })))).toEqual({ code: 'consultation.minutesFile.badType', field: 'minutesFile' });
    expect(await refused(inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), storage })))).toEqual({ code: 'consultation.minutesFile.badType', field: 'minutesFile' });
    expect(await refused(inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: new Uint8Array(10 * 1024 * 1024 + 1), storage })))).toEqual({ code: 'consultation.minutesFile.tooLarge', field: 'minutesFile' });
    expect((await inJinyuan((tx) => getMeeting(tx, admin, { meetingId }))).meeting.minutesFile).toBeNull();
    expect(await refusal(inJinyuan((tx) => getMinutesFile(tx, admin, { meetingId })))).toBe('consultation.notFound');

    expect(await inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: photo, storage }))).toEqual({ kind: 'image' });
    const first = await inJinyuan((tx) => getMinutesFile(tx, admin, { meetingId }));
    expect(first).toMatchObject({ mime: 'image/jpeg', ext: 'jpg' });
    expect(first.storageKey).toMatch(new RegExp(`^${tenantId}/minutes-${meetingId}-[0-9a-f]{12}\\.jpg$`));
    expect(await photoHasMetadata((await storage.get(first.storageKey))!)).toBe(false);
    const page = await inJinyuan((tx) => getMeeting(tx, admin, { meetingId }));
    expect(page.meeting.minutesFile).toBe('image');
    expect('minutesFileKey' in page.meeting).toBe(false);

    // Replaced by the PDF before approval: the photo is gone from storage.
    expect(await inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: pdf, storage }))).toEqual({ kind: 'pdf' });
    const second = await inJinyuan((tx) => getMinutesFile(tx, admin, { meetingId }));
    expect(second).toMatchObject({ mime: 'application/pdf', ext: 'pdf' });
    expect(await storage.get(first.storageKey)).toBeNull();
    expect(Buffer.from((await storage.get(second.storageKey))!).toString()).toBe(Buffer.from(pdf).toString());

    // Who may open it: staff of the community who read the committee's work; another community's staff find nothing.
    expect(await refusal(withTenant(db.app, bihai, (tx) => getMinutesFile(tx, elsewhere, { meetingId })))).toBe('consultation.notFound');
    const volunteer = await callerFor('13800000007', tenantId);
    expect(await refusal(inJinyuan((tx) => getMinutesFile(tx, volunteer, { meetingId })))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => attachMinutesFile(tx, volunteer, { meetingId, file: pdf, storage })))).toBe('forbidden');

    // Approved with the scan: it stays as it is (no replacing, no removing).
    await inJinyuan((tx) => draftMinutes(tx, admin, { meetingId, minutes: '会议纪要：同意实施。' }));
    await inJinyuan((tx) => approveMinutes(tx, admin, { meetingId, now: NOW }));
    expect(await refusal(inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: photo, storage })))).toBe('consultation.minutes.approved');
    expect(await refusal(inJinyuan((tx) => removeMinutesFile(tx, admin, { meetingId, storage })))).toBe('consultation.minutes.approved');
    expect((await inJinyuan((tx) => getMinutesFile(tx, admin, { meetingId }))).storageKey).toBe(second.storageKey);
    const audit = await withTenant(db.owner, tenantId, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, 'meeting_minutes_file_attached'), eq(auditEvents.subjectId, meetingId))));
    expect(audit).toHaveLength(2);
  });

  it('is removed before approval; approved minutes without a scan still take the signed one once', async () => {
    const storage = localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-minutes-')));
    const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    const matter = await inJinyuan((tx) => createMatter(tx, admin, { title: `纪要删除测试${Date.now()}`, source: 'staff', caseIds: [] }));
    const { id: meetingId } = await inJinyuan((tx) => scheduleMeeting(tx, admin, { topic: '纪要删除测试会', startsAt: '2026-12-02T14:30', place: '议事长廊', capacity: null, chairUserId: admin.actor.userId, matterIds: [matter.id], now: NOW }));
    await inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: pdf, storage }));
    const key = (await inJinyuan((tx) => getMinutesFile(tx, admin, { meetingId }))).storageKey;
    expect(await inJinyuan((tx) => removeMinutesFile(tx, admin, { meetingId, storage }))).toEqual({ removed: true });
    expect(await storage.get(key)).toBeNull();
    expect(await inJinyuan((tx) => removeMinutesFile(tx, admin, { meetingId, storage }))).toEqual({ removed: false });
    await inJinyuan((tx) => draftMinutes(tx, admin, { meetingId, minutes: '纪要' }));
    await inJinyuan((tx) => approveMinutes(tx, admin, { meetingId, now: NOW }));
    expect(await inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: pdf, storage }))).toEqual({ kind: 'pdf' });
    expect(await refusal(inJinyuan((tx) => attachMinutesFile(tx, admin, { meetingId, file: pdf, storage })))).toBe('consultation.minutes.approved');
  });
});

describe('online meetings', () => {
  it('take an http(s) link or a meeting number, refuse other schemes, and tell the invitees where to join', async () => {
    expect(['https://meeting.tencent.com/dm/AbC123', 'http://example.cn/x?y=1', '腾讯会议 123 456 789', '987-654-321'].map(isOnlineMeetingAddress)).toEqual([true, true, true, true]);
    expect(['javascript:alert(1)', 'data:text/html,<b>', 'https://a b.cn', '线上', '12345', '<a href=x>123456</a>'].map(isOnlineMeetingAddress)).toEqual([false, false, false, false, false, false]);
    expect(meetingWhere({ place: null, onlineUrl: 'https://m.cn/1' })).toBe('线上会议（https://m.cn/1）');
    expect(meetingWhere({ place: '议事长廊', onlineUrl: '腾讯会议 123 456 789' })).toBe('议事长廊（也可线上参加：腾讯会议 123 456 789）');
    expect(meetingWhere({ place: '议事长廊', onlineUrl: null })).toBe('议事长廊');

    const matter = await inJinyuan((tx) => createMatter(tx, admin, { title: `线上会议测试${Date.now()}`, source: 'staff', caseIds: [] }));
    const base = { topic: '线上协商会', startsAt: '2026-12-03T14:30', capacity: null, matterIds: [matter.id], now: NOW };
    expect(await refused(inJinyuan((tx) => scheduleMeeting(tx, admin, { ...base, onlineUrl: 'javascript:alert(1)' })))).toMatchObject({ code: 'consultation.online.invalid' });
    const [unit] = await withTenant(db.owner, tenantId, (tx) =>
      tx.insert(partnerUnits).values({ tenantId, name: `线上参会单位${Date.now()}`, kind: 'enterprise', contactMobileEnc: cipher.encrypt('13900002222'), contactMobileHint: '139****2222' }).returning({ id: partnerUnits.id }),
    );
    const { id: meetingId } = await inJinyuan((tx) => scheduleMeeting(tx, admin, { ...base, onlineUrl: 'https://meeting.tencent.com/dm/AbC123', partnerUnitIds: [unit!.id] }));
    const page = await inJinyuan((tx) => getMeeting(tx, admin, { meetingId }));
    expect(page.meeting).toMatchObject({ place: null, onlineUrl: 'https://meeting.tencent.com/dm/AbC123' });
    const told = await inJinyuan((tx) => rescheduleMeeting(tx, admin, { meetingId, startsAt: '2026-12-04T14:30', now: NOW }));
    // The unit's contact by text (and the staff who scheduled it, by the bell).
    expect(told.told).toBeGreaterThanOrEqual(1);
    const texts = await withTenant(db.owner, tenantId, (tx) => tx.select().from(outbox).where(and(eq(outbox.tenantId, tenantId), eq(outbox.kind, 'meeting_moved'))));
    const bodies = texts.map((t) => t.body).filter((b) => b.includes('线上协商会'));
    expect(bodies.length).toBeGreaterThanOrEqual(1);
    expect(bodies.every((b) => b.includes('在线上会议（https://meeting.tencent.com/dm/AbC123）召开'))).toBe(true);
    const row = await withTenant(db.owner, tenantId, (tx) => tx.select({ place: consultationMeetings.place }).from(consultationMeetings).where(eq(consultationMeetings.id, meetingId)));
    expect(row[0]!.place).toBeNull();
  });
});

describe("the residents' satisfaction at the end of a decision's line", () => {
  it('is the rating of the wishes behind it: all on the staff page, on the public page only from a few ratings up', async () => {
    const categoryId = (await withTenant(db.owner, tenantId, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生'))))[0]!.id;
    const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-satisfaction-'))) };
    const sent: { id: string; trackingCode: string }[] = [];
    for (const mobile of ['13933330001', '13933330002', '13933330003']) sent.push(await submitCase(db.app, anonymousCaller(), { tenantId, categoryId, content: '希望修好小区路灯', consent: true, mobile, photos: [], channel: 'qr', deps }));
    const wishes = sent.map((w) => w.id);
    const matter = await inJinyuan((tx) => createMatter(tx, admin, { title: `路灯维修${Date.now()}`, source: 'wish', caseIds: wishes }));
    const units = await withTenant(db.owner, tenantId, (tx) =>
      tx.insert(partnerUnits).values(['甲', '乙', '丙'].map((n) => ({ tenantId, name: `路灯协商单位${n}${Date.now()}`, kind: 'enterprise' }))).returning({ id: partnerUnits.id }),
    );
    // Two residents' representatives of the register, and a member of staff (who records, without a vote).
    const representatives: string[] = [];
    for (const [name, mobile] of [
      ['王建国', '13944440001'],
      ['赵秀英', '13944440002'],
    ] as const)
      representatives.push((await inJinyuan((tx) => registerResident(tx, admin, { name, birth: '1968-05', mobile, consent: true, consentChannel: 'in_person', cipher, now: NOW }))).id);
    const { id: meetingId } = await inJinyuan((tx) =>
      scheduleMeeting(tx, admin, { topic: '路灯协商会', startsAt: '2026-11-29T14:30', place: '议事长廊', capacity: null, partnerUnitIds: units.map((u) => u.id), residentIds: representatives, staffUserIds: [grid.actor.userId], matterIds: [matter.id], now: PREPARED }),
    );
    const page = await inJinyuan((tx) => getMeeting(tx, admin, { meetingId }));
    const unitVoters = page.participants.filter((p) => p.kind === 'unit').map((p) => p.id);
    const residentVoters = page.participants.filter((p) => p.kind === 'resident').map((p) => p.id);
    const gridRow = page.participants.find((p) => p.kind === 'staff' && p.name === grid.actor.displayName)!;
    const voters = [...unitVoters, ...residentVoters];
    // Attendance shown only with consent: one unit of three and one representative of two agree (and the member of
    // staff, who is never named publicly); the deliberation notes are kept for staff.
    await inJinyuan((tx) => recordAttendance(tx, admin, { meetingId, presentIds: [...voters, gridRow.id], consentIds: [unitVoters[0]!, residentVoters[0]!, gridRow.id], now: NOW }));
    const { decisionId } = await inJinyuan((tx) => decideAgendaItem(tx, admin, { itemId: page.items[0]!.id, outcome: 'adopted', votesFor: 5, votesAgainst: 0, votesAbstain: 0, notes: '张师傅建议先修3栋旁两盏', decision: '更换路灯', now: NOW }));
    const held = await inJinyuan((tx) => getMeeting(tx, admin, { meetingId }));
    const shownOnStaffPage = (ids: string[]) => held.participants.filter((p) => ids.includes(p.id)).map((p) => [p.id === unitVoters[0] || p.id === residentVoters[0], p.showAttendance]);
    expect(shownOnStaffPage(voters)).toEqual(expect.arrayContaining([[true, true], [true, true], [false, false], [false, false], [false, false]]));
    expect(held.items[0]!.notes).toBe('张师傅建议先修3栋旁两盏');
    const token = (await inJinyuan((tx) => getDecision(tx, admin, { decisionId: decisionId!, now: NOW }))).decision.publicToken;
    const publicView = await withTenant(db.app, tenantId, (tx) => getPublicDecision(tx, anonymousCaller(), { tenantId, token, now: NOW }));
    expect(JSON.stringify(publicView)).not.toContain('张师傅');
    expect(publicView.vote).toMatchObject({ expected: 5, attending: 5, for: 5 });
    // The public page names the unit and the representative (masked, as the register hints) who agreed, and nobody else.
    const nameOf = (id: string) => held.participants.find((p) => p.id === id)!.name;
    expect(publicView.attendees).toEqual({ units: [nameOf(unitVoters[0]!)], representatives: [nameOf(residentVoters[0]!)] });
    expect(nameOf(residentVoters[0]!)).toMatch(/\*/);
    for (const id of [...unitVoters.slice(1), ...residentVoters.slice(1)]) expect(JSON.stringify(publicView)).not.toContain(nameOf(id));
    expect(JSON.stringify(publicView)).not.toContain(grid.actor.displayName);
    expect(JSON.stringify(publicView)).not.toMatch(/王建国|赵秀英/);
    // Consent taken back when the list is saved again: nobody is shown.
    await inJinyuan((tx) => recordAttendance(tx, admin, { meetingId, presentIds: [...voters, gridRow.id], consentIds: [], now: NOW }));
    expect((await withTenant(db.app, tenantId, (tx) => getPublicDecision(tx, anonymousCaller(), { tenantId, token, now: NOW }))).attendees).toEqual({ units: [], representatives: [] });
    // An action item owned by a department (区住建局): its name shows publicly; a community is no department.
    const [dept] = await db.owner.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.kind, 'department')).limit(1);
    expect(await refusal(inJinyuan((tx) => addActionItem(tx, admin, { decisionId: decisionId!, title: '路灯线路改造', ownerKind: 'department', ownerOrgUnitId: tenantId, dueWorkingDays: 5, now: NOW })))).toBe('consultation.owner.invalid');
    await inJinyuan((tx) => addActionItem(tx, admin, { decisionId: decisionId!, title: '路灯线路改造', ownerKind: 'department', ownerOrgUnitId: dept!.id, dueWorkingDays: 5, now: NOW }));
    const withOwner = await withTenant(db.app, tenantId, (tx) => getPublicDecision(tx, anonymousCaller(), { tenantId, token, now: NOW }));
    expect(withOwner.items.map((i) => [i.title, i.owner])).toEqual([['路灯线路改造', { kind: 'department', name: dept!.name }]]);
    // Each wish was accepted when taken to the committee (createMatter); staff resolve it, and its resident rates it
    // on their tracking page (rateCase), as they do.
    for (const caseId of wishes) {
      const call = { tenantId, caseId };
      const caller = { actor: admin.actor, ability: admin.ability };
      expect(await refusal(inJinyuan((tx) => acceptCase(tx, caller, call)))).toBe('case.refused.wrong_status');
      await inJinyuan((tx) => resolveCase(tx, caller, { ...call, resolution: '路灯已更换。' }));
    }
    const rate = (id: string, rating: number) => withTenant(db.app, tenantId, (tx) => rateCase(tx, anonymousCaller(), { tenantId, code: sent.find((w) => w.id === id)!.trackingCode, rating }, NOW));
    const shown = async () => ({
      staff: (await inJinyuan((tx) => getDecision(tx, admin, { decisionId: decisionId!, now: NOW }))).satisfaction,
      public: (await withTenant(db.app, tenantId, (tx) => getPublicDecision(tx, anonymousCaller(), { tenantId, token, now: NOW }))).satisfaction,
    });
    expect(await shown()).toEqual({ staff: null, public: null });
    // A rating out of range is refused and counts for nothing.
    expect(await refusal(rate(wishes[0]!, 6))).toBe('case.residentRating.invalid');
    expect(await shown()).toEqual({ staff: null, public: null });
    await rate(wishes[0]!, 5);
    // Rated once: a second rating of the same wish is refused, the average unchanged.
    expect(await refusal(rate(wishes[0]!, 1))).toBe('case.refused.wrong_status');
    await rate(wishes[1]!, 4);
    expect(PUBLIC_SATISFACTION_MIN).toBe(3);
    expect(await shown()).toEqual({ staff: { rated: 2, average: 4.5 }, public: null });
    await rate(wishes[2]!, 3);
    expect(await shown()).toEqual({ staff: { rated: 3, average: 4 }, public: { rated: 3, average: 4 } });
  });
});

describe("a partner unit's reporting party members", () => {
  it('are linked by who keeps the party organisation, shown masked to who sees it, refused to others', async () => {
    const person = async (n: number) =>
      (await inJinyuan((tx) => registerResident(tx, admin, { name: `报到党员${n}`, birth: '1980-03', mobile: `136${String(30_000_000 + (Date.now() % 1_000_000) + n).slice(-8)}`, consent: true, consentChannel: 'in_person', cipher, now: NOW }))).id;
    const branch = await inJinyuan((tx) => createPartyOrg(tx, admin, { kind: 'general_branch', name: `单位党员测试党总支${Date.now()}` }));
    const [first, second] = [await person(1), await person(2)];
    await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: first, orgId: branch.id, kind: 'reporting', workUnit: '某医院', reportedOn: '2026-03-05' }));
    await inJinyuan((tx) => addPartyMember(tx, admin, { residentId: second, orgId: branch.id }));
    const members = await inJinyuan((tx) => listPartyMembers(tx, admin));
    const reporting = members.find((m) => m.kind === 'reporting')!;
    const local = members.find((m) => m.kind === 'local')!;
    const [unit] = await withTenant(db.owner, tenantId, (tx) => tx.insert(partnerUnits).values({ tenantId, name: `党员关联单位${Date.now()}`, kind: 'institution', partyMembersReported: 3 }).returning({ id: partnerUnits.id, name: partnerUnits.name }));

    expect(maySeeParty(admin)).toBe(true);
    expect(maySeeParty(grid)).toBe(false);
    expect(await refusal(inJinyuan((tx) => listUnitPartyMembers(tx, grid)))).toBe('forbidden');
    expect(await refusal(inJinyuan((tx) => setPartyMemberUnit(tx, grid, { memberId: reporting.memberId, partnerUnitId: unit!.id })))).toBe('forbidden');
    expect(await refused(inJinyuan((tx) => setPartyMemberUnit(tx, admin, { memberId: local.memberId, partnerUnitId: unit!.id })))).toEqual({ code: 'party.member.notReporting', field: 'memberId' });
    expect(await refused(inJinyuan((tx) => setPartyMemberUnit(tx, admin, { memberId: reporting.memberId, partnerUnitId: '0190aaaa-0000-7000-8000-000000000000' })))).toEqual({ code: 'partner.notFound', field: 'partnerUnitId' });
    expect(await refused(inJinyuan((tx) => setPartyMemberUnit(tx, admin, { memberId: 'junk', partnerUnitId: unit!.id })))).toMatchObject({ code: expect.any(String) });
    // Another community's unit id answers as unknown here.
    const [far] = await withTenant(db.owner, bihai, (tx) => tx.insert(partnerUnits).values({ tenantId: bihai, name: `碧海单位${Date.now()}`, kind: 'enterprise' }).returning({ id: partnerUnits.id }));
    expect(await refused(inJinyuan((tx) => setPartyMemberUnit(tx, admin, { memberId: reporting.memberId, partnerUnitId: far!.id })))).toEqual({ code: 'partner.notFound', field: 'partnerUnitId' });

    expect(await inJinyuan((tx) => setPartyMemberUnit(tx, admin, { memberId: reporting.memberId, partnerUnitId: unit!.id }))).toEqual({ memberId: reporting.memberId, partnerUnitId: unit!.id });
    const linked = (await inJinyuan((tx) => listUnitPartyMembers(tx, admin))).filter((m) => m.partnerUnitId === unit!.id);
    expect(linked).toEqual([{ memberId: reporting.memberId, partnerUnitId: unit!.id, nameHint: reporting.nameHint, orgName: reporting.orgName, reportedOn: reporting.reportedOn }]);
    expect(linked[0]!.nameHint).toMatch(/\*/);
    // The party page says the same work unit.
    expect((await inJinyuan((tx) => listPartyMembers(tx, admin))).find((m) => m.memberId === reporting.memberId)!.workUnit).toBe(unit!.name);

    expect(await inJinyuan((tx) => setPartyMemberUnit(tx, admin, { memberId: reporting.memberId, partnerUnitId: '' }))).toEqual({ memberId: reporting.memberId, partnerUnitId: null });
    expect((await inJinyuan((tx) => listUnitPartyMembers(tx, admin))).filter((m) => m.partnerUnitId === unit!.id)).toEqual([]);
    const audit = await withTenant(db.owner, tenantId, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.action, 'party_member_unit_set')));
    expect(audit).toHaveLength(2);
  });
});
