import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { deadlines, meetingParticipants, notifications, orgUnits, outbox, partnerUnits, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  claimServicePost,
  createMatter,
  createServicePost,
  exportCommitteeReport,
  exportPartnerUnitReport,
  generateOccurrences,
  getCommitteeDesk,
  getCommitteeReport,
  getPartnerUnitReport,
  listPartnerUnits,
  listServicePosts,
  MEETING_SUBJECT,
  meetingReminderAt,
  recordOccurrence,
  registerParticipant,
  scheduleMeeting,
  wakeDeadline,
  wakeDeadlineBatch,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 18: what the committee's staff pages read (the desk, the posts), meeting reminders on the worker's subject
// timers (once, to invitees with a seat), and the yearly reports (Excel) matching the register's figures.
const db = seededDatabase();
const cipher = createPersonalDataCipher('7c'.repeat(32));
const NOW = new Date('2026-11-30T02:00:00Z');
let tenantId: string;
let admin: { actor: Awaited<ReturnType<typeof db.actorFor>>; ability: ReturnType<typeof defineAbilityFor> };
const inJinyuan = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const actor = await db.actorFor('13800000004', tenantId);
  admin = { actor, ability: defineAbilityFor(actor) };
});

async function sheetRows(bytes: Uint8Array, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('meeting reminders', () => {
  it('are planned a day before, or two hours before when scheduled later, and none when too close', () => {
    const start = new Date('2026-12-03T06:30:00Z');
    expect(meetingReminderAt(start, NOW)).toEqual(new Date('2026-12-02T06:30:00Z'));
    expect(meetingReminderAt(start, new Date('2026-12-02T12:00:00Z'))).toEqual(new Date('2026-12-03T04:30:00Z'));
    expect(meetingReminderAt(start, new Date('2026-12-03T05:00:00Z'))).toBeNull();
  });

  it('remind the invitees with a seat once, by the bell and by text (numbers sealed), however often woken', async () => {
    const units = await withTenant(db.owner, tenantId, (tx) =>
      tx
        .insert(partnerUnits)
        .values(['提醒测试甲', '提醒测试乙'].map((name) => ({ tenantId, name: `${name}${Date.now()}`, kind: 'enterprise', contactMobileEnc: cipher.encrypt('13900001111'), contactMobileHint: '139****1111' })))
        .returning({ id: partnerUnits.id }),
    );
    const matter = await inJinyuan((tx) => createMatter(tx, admin, { title: '提醒测试议题', source: 'staff', caseIds: [] }));
    const startsAt = new Date('2026-12-03T06:30:00Z');
    const meeting = await inJinyuan((tx) => scheduleMeeting(tx, admin, { topic: '提醒测试会', startsAt, place: '议事长廊', capacity: 1, partnerUnitIds: units.map((u) => u.id), matterIds: [matter.id], now: NOW }));
    expect(meeting.remindAt).toEqual(new Date('2026-12-02T06:30:00Z'));
    // One unit takes the only seat, the other waits: the waiting one is not reminded.
    const people = await withTenant(db.owner, tenantId, (tx) => tx.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, meeting.id)));
    const seated = people.find((p) => p.partnerUnitId === units[0]!.id);
    const waiting = people.find((p) => p.partnerUnitId === units[1]!.id);
    expect((await inJinyuan((tx) => registerParticipant(tx, admin, { meetingId: meeting.id, participantId: seated!.id, now: NOW }))).registration).toBe('registered');
    expect((await inJinyuan((tx) => registerParticipant(tx, admin, { meetingId: meeting.id, participantId: waiting!.id, now: NOW }))).registration).toBe('waitlisted');

    const [timer] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(deadlines).where(and(eq(deadlines.subjectType, MEETING_SUBJECT), eq(deadlines.subjectId, meeting.id))));
    expect(timer).toMatchObject({ state: 'running', kind: 'reminder', dueAt: new Date('2026-12-02T06:30:00Z') });
    const late = new Date(timer!.dueAt.getTime() + 60_000);
    await Promise.all([wakeDeadline(db.app, timer!.id, null, late, tenantId), wakeDeadline(db.app, timer!.id, null, late, tenantId), wakeDeadlineBatch(db.app, tenantId, [timer!.id], late)]);
    const bell = await db.owner.select().from(notifications).where(and(eq(notifications.subjectType, MEETING_SUBJECT), eq(notifications.subjectId, meeting.id)));
    expect(bell.map((n) => n.userId)).toEqual([admin.actor.userId]); // the chair, once
    const texts = await withTenant(db.owner, tenantId, (tx) => tx.select().from(outbox).where(and(eq(outbox.kind, 'meeting_reminder'), eq(outbox.channel, 'sms'))));
    const mine = texts.filter((m) => m.body.includes('提醒测试会'));
    expect(mine).toHaveLength(1); // the seated unit's contact only
    expect(mine[0]!.recipient.startsWith('sealed:')).toBe(true);
    expect(mine[0]!.body).toContain('议事长廊');
    expect(JSON.stringify(mine)).not.toContain('13900001111');
  });
});

describe('the committee pages’ reads', () => {
  it('the desk lists meetings, open matters, open wishes and the choices; the posts list their claims', async () => {
    const desk = await inJinyuan((tx) => getCommitteeDesk(tx, admin, { now: NOW }));
    expect(desk.meetings.length).toBeGreaterThan(0);
    expect(desk.units.length).toBeGreaterThan(0);
    expect(desk.staff.some((s) => s.userId === admin.actor.userId)).toBe(true);
    expect(desk.wishes.every((w) => /^[A-Z0-9-]+$/.test(w.code) && w.excerpt.length <= 60)).toBe(true);
    const posts = await inJinyuan((tx) => listServicePosts(tx, admin, { now: NOW }));
    expect(posts.units.length).toBe(desk.units.length);
  });
});

describe('yearly reports', () => {
  let reportUnitId = '';
  it('a unit’s report: its occurrences of the year, delivered ones with people served, as on the posts page', async () => {
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: `报告测试岗位${Date.now()}`, recurrence: 'weekly:3', startTime: '09:00', keywords: '' }));
    const [unit] = await withTenant(db.owner, tenantId, (tx) => tx.insert(partnerUnits).values({ tenantId, name: `报告测试单位${Date.now()}`, kind: 'social_org' }).returning({ id: partnerUnits.id }));
    reportUnitId = unit!.id;
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unit!.id, claimedOn: '2026-11-01' }));
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-11-01', to: '2026-11-20' }));
    const posts = await inJinyuan((tx) => listServicePosts(tx, admin, { now: NOW }));
    const occ = posts.posts.find((p) => p.id === postId)!.occurrences;
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual(['2026-11-04T01:00:00.000Z', '2026-11-11T01:00:00.000Z', '2026-11-18T01:00:00.000Z']);
    await inJinyuan((tx) => recordOccurrence(tx, admin, { occurrenceId: occ[0]!.id, status: 'delivered', peopleServed: 12, now: NOW }));
    await inJinyuan((tx) => recordOccurrence(tx, admin, { occurrenceId: occ[1]!.id, status: 'missed', peopleServed: null }));
    const report = await inJinyuan((tx) => getPartnerUnitReport(tx, admin, { unitId: unit!.id, year: 2026, now: NOW }));
    expect(report.figures).toMatchObject({ postsClaimed: 1, promised: 3, delivered: 1, peopleServed: 12 });
    // 1 of 3 due (the third passed without a check-in counts as missed): 33.3%.
    expect(report.figures.promiseRatePercent).toBe(33.3);
    expect(report.occurrences.map((o) => o.statusName)).toEqual(['已服务', '未履约', '待服务']);
    const { bytes } = await inJinyuan((tx) => exportPartnerUnitReport(tx, admin, { unitId: unit!.id, year: 2026, now: NOW }));
    const about = await sheetRows(bytes, '概况');
    expect(about.find((r) => r[0] === '承诺兑现率（%）')?.[1]).toBe(33.3);
    expect((await sheetRows(bytes, '服务场次')).slice(1).map((r) => r[3] ?? '')).toEqual([12, '', '']);
    expect(await refusal(inJinyuan((tx) => getPartnerUnitReport(tx, admin, { unitId: '0190aaaa-0000-7000-8000-000000000000', year: 2026 })))).toBe('partner.notFound');
  });

  it('the committee’s Excel matches the register’s figures, unit by unit', async () => {
    const year = 2026;
    const { bytes, report } = await inJinyuan((tx) => exportCommitteeReport(tx, admin, { year, now: NOW }));
    const rows = await sheetRows(bytes, '共建单位');
    expect(rows[0]).toEqual(['单位名称', '类型', '认领岗位', '应履约场次', '已服务场次', '承诺兑现率（%）', '服务人次', '评价数', '平均评分']);
    expect(rows.length - 1).toBe(report.units.length);
    const register = await inJinyuan((tx) => listPartnerUnits(tx, admin, { now: NOW }));
    const active = report.units.filter((u) => u.promised > 0);
    expect(active.map((u) => u.id)).toContain(reportUnitId);
    // The occurrences all fall in 2026, so what was delivered, served and rated is the register's.
    for (const u of active) {
      const r = register.find((x) => x.id === u.id)!;
      expect([u.delivered, u.peopleServed, u.ratings, u.postsClaimed]).toEqual([r.delivered, r.peopleServed, r.ratings, r.postsClaimed]);
      const row = rows.find((x) => x[0] === u.name)!;
      expect(row.slice(2, 5)).toEqual([u.postsClaimed, u.promised, u.delivered]);
      expect(row[6]).toBe(u.peopleServed);
    }
    const summary = await sheetRows(bytes, '汇总');
    expect(summary.find((r) => r[0] === '已服务场次')?.[1]).toBe(active.reduce((s, u) => s + u.delivered, 0));
    expect(report.totals.meetings).toBeGreaterThan(0);
    expect(await refusal(inJinyuan((tx) => getCommitteeReport(tx, admin, { year: 1999 })))).toBe('consultation.time.invalid');
  });
});
