import { mkdtempSync } from 'node:fs';
import { occurrenceHorizon, PARTNER_FILE_MAX_BYTES } from '@shequ/domain';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { categories, orgUnits, serviceOccurrences, servicePostClaims, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  anonymousCaller,
  claimServicePost,
  createServicePost,
  findPostsForWish,
  generateOccurrences,
  getPartnerUnitReport,
  importPartnerUnits,
  listPartnerUnits,
  listServicePosts,
  partnerImportTemplate,
  rateOccurrence,
  recordOccurrence,
  registerPartnerUnit,
  submitCase,
  type UseCaseError,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 18 / decision 037: partner units (sealed contacts, Excel import with a dry run) and service posts (recurrence,
// claims, occurrences, check-in, people served, ratings) with 承诺兑现率 computed from occurrences.
const db = seededDatabase();
const cipher = createPersonalDataCipher('9a'.repeat(32));
const NOW = new Date('2026-11-30T02:00:00Z');
/** The first moment of a day in China time: when a claim made that day was made (a claim starts today at the earliest, decision 074). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
let tenantId: string;
let admin: { actor: Awaited<ReturnType<typeof db.actorFor>>; ability: ReturnType<typeof defineAbilityFor> };
const inJinyuan = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const actor = await db.actorFor('13800000004', tenantId);
  admin = { actor, ability: defineAbilityFor(actor) };
});

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('共建单位');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('partner units', () => {
  it('seals the contact person and refuses a bad mobile or a second unit of the same name', async () => {
    const { id } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '金元理发店（测试）', kind: 'individual_business', contactName: '罗师傅', contactMobile: '139 0851 7788', offers: '每月第二个周六为老人义剪', memberSince: '2024-03-01', partyMembersReported: 1, cipher }));
    const [raw] = await withTenant(db.owner, tenantId, (tx) => tx.execute<Record<string, unknown>>(sql`select * from partner_units where id = ${id}`));
    const text = JSON.stringify(raw);
    expect(text).not.toContain('13908517788');
    expect(text).not.toContain('罗师傅');
    expect(raw).toMatchObject({ contact_mobile_hint: '139****7788', contact_name_hint: '罗**' });
    expect(await refusal(inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '某单位', kind: 'enterprise', contactMobile: '12345', cipher })))).toBe('partner.mobile.invalid');
    expect(await refusal(inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '金元理发店（测试）', kind: 'enterprise', cipher })))).toBe('partner.name.taken');
  });

  it('keeps committee membership dates: an end before the start is refused beside the field, nothing written', async () => {
    const count = async () => (await inJinyuan((tx) => listPartnerUnits(tx, admin, {}))).length;
    const before = await count();
    const fields = { name: '金元社区卫生服务站（测试）', kind: 'institution' as const, memberSince: '2024-03-01', cipher };
    const refusedAs = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { ...fields, memberUntil: '2023-12-31' })).then(
      () => null,
      (e: { code?: string; params?: Record<string, unknown> }) => ({ code: e.code, field: e.params?.field }),
    );
    expect(refusedAs).toEqual({ code: 'partner.membership.invalid', field: 'memberUntil' });
    expect(await count()).toBe(before);
    // The same day, or later, is a membership; it shows on the register and in the unit's report.
    const { id } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { ...fields, memberUntil: '2026-12-31' }));
    expect((await inJinyuan((tx) => listPartnerUnits(tx, admin, {}))).find((u) => u.id === id)).toMatchObject({ memberSince: '2024-03-01', memberUntil: '2026-12-31' });
    expect((await inJinyuan((tx) => getPartnerUnitReport(tx, admin, { unitId: id, year: 2026, now: NOW }))).unit).toMatchObject({ memberSince: '2024-03-01', memberUntil: '2026-12-31' });
    // An import row whose 退出日期 is before its 加入日期 is reported as that row's error, the others imported.
    const file = await xlsx([
      ['单位名称', '类型', '加入日期', '退出日期'],
      ['日期倒置的单位（测试）', '企业', '2025-06-01', '2025-01-01'],
      ['按期退出的单位（测试）', '企业', '2025-01-01', '2025-06-30'],
    ]);
    const done = await inJinyuan((tx) => importPartnerUnits(tx, admin, { bytes: file, fileName: 'units.xlsx', commit: true, cipher }));
    expect(done.rows.map((r) => [r.line, r.status, r.code])).toEqual([
      [2, 'error', 'partner.membership.invalid'],
      [3, 'ok', null],
    ]);
    expect(done.created).toBe(1);
  });

  it('imports from Excel: the dry run writes nothing and reports each row; committing writes the good ones', async () => {
    const file = await xlsx([
      ['单位名称', '类型', '地址', '联系人', '联系电话', '可提供服务', '加入日期'],
      ['观山湖区第一幼儿园（测试）', '事业单位', '金元路1号', '李园长', '13900001234', '亲子活动', '2023-05-01'],
      ['贵州某科技有限公司（测试）', '企业', '金元路8号', '', '', '技术志愿服务', ''],
      ['金元理发店（测试）', '个体工商户', '', '', '', '', ''],
      ['不明单位（测试）', '外星组织', '', '', '', '', ''],
      ['观山湖区第一幼儿园（测试）', '事业单位', '', '', '', '', ''],
      ['号码错的单位（测试）', '企业', '', '', '123', '', ''],
    ]);
    const count = async () => (await inJinyuan((tx) => listPartnerUnits(tx, admin, {}))).length;
    const before = await count();
    const dry = await inJinyuan((tx) => importPartnerUnits(tx, admin, { bytes: file, fileName: 'units.xlsx', cipher }));
    expect(dry.rows.map((r) => [r.line, r.status, r.code])).toEqual([
      [2, 'ok', null],
      [3, 'ok', null],
      [4, 'duplicate', 'partner.name.taken'],
      [5, 'error', 'partner.import.kindUnknown'],
      [6, 'duplicate', 'partner.import.sameName'],
      [7, 'error', 'partner.mobile.invalid'],
    ]);
    // A name twice in the file is said to repeat its first line, not to be a unit already registered.
    expect(dry.rows.find((r) => r.line === 6)!.reasons).toEqual([{ code: 'partner.import.sameName', params: { field: 'name', line: 2 } }]);
    expect(dry.created).toBe(0);
    expect(await count()).toBe(before);
    const done = await inJinyuan((tx) => importPartnerUnits(tx, admin, { bytes: file, fileName: 'units.xlsx', commit: true, cipher }));
    expect(done.created).toBe(2);
    expect(await count()).toBe(before + 2);
    const bad = await xlsx([['名称x', '地址'], ['a', 'b']]);
    expect(await refusal(inJinyuan((tx) => importPartnerUnits(tx, admin, { bytes: bad, fileName: 'u.xlsx', cipher })))).toBe('partner.import.missingColumns');
    // Over 2 MB (decision 060: the page's bound is this plus the form): refused for its size before it is read.
    const big = new Uint8Array(PARTNER_FILE_MAX_BYTES + 1);
    expect(await refusal(inJinyuan((tx) => importPartnerUnits(tx, admin, { bytes: big, fileName: 'u.csv', cipher })))).toBe('partner.import.tooLarge');
    expect(await count()).toBe(before + 2);
  });
});

describe('the partner import says every problem of a row, each in its column’s words (as the residents’ import)', () => {
  it('lists all problems of a row at once, and a row whose problem is a date is not told 请选择单位类型', async () => {
    const file = await xlsx([
      ['单位名称', '类型', '地址', '联系电话', '加入日期', '退出日期', '报到党员数'],
      ['', '外星组织', '路'.repeat(201), '123', '2024-13-01', '', 'abc'],
      ['日期写错的单位（测试）', '企业', '', '', '2024-02-30', '', ''],
      ['斜杠日期的单位（测试）', '个体户', '', '', '2024/3/1', '2024年6月30日', '2'],
      ['', '', '', '', '', '', ''],
      ['类型空着的单位（测试）', '', '', '', '', '', ''],
      ['日期写错的单位（测试）', '外星组织', '', '', '', '', ''],
    ]);
    const dry = await inJinyuan((tx) => importPartnerUnits(tx, admin, { bytes: file, fileName: 'units.xlsx', cipher }));
    const reasons = (line: number) => dry.rows.find((r) => r.line === line)!.reasons.map((r) => [r.code, r.params.field]);
    expect(reasons(2)).toEqual([
      ['partner.import.kindUnknown', 'kind'],
      ['partner.name.required', 'name'],
      ['partner.address.tooLong', 'address'],
      // The mobile is its schema's own check now (the browser says it with the rest), in the form's order.
      ['partner.mobile.invalid', 'contactMobile'],
      ['partner.memberSince.invalid', 'memberSince'],
      ['partner.partyMembers.invalid', 'partyMembersReported'],
    ]);
    expect(dry.rows.find((r) => r.line === 2)!.reasons[0]!.params).toMatchObject({ kind: '外星组织', kinds: '企业、事业单位、社会组织、个体工商户、单位党组织' });
    expect(reasons(3)).toEqual([['partner.memberSince.invalid', 'memberSince']]);
    // 2024/3/1 and 2024年6月30日 are read as dates; 个体户 as 个体工商户.
    expect(dry.rows.find((r) => r.line === 4)).toMatchObject({ status: 'ok', reasons: [] });
    expect(reasons(6)).toEqual([['partner.import.kindMissing', 'kind']]);
    // A row in error is checked for its name too: both said; an earlier row's name repeats that row.
    expect(reasons(7)).toEqual([['partner.import.kindUnknown', 'kind'], ['partner.import.sameName', 'name']]);
    expect(dry.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'error'],
      [3, 'error'],
      [4, 'ok'],
      [6, 'error'],
      [7, 'error'],
    ]);
    // The form says every problem at once too, each beside its field.
    const refusedAll = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '', kind: 'enterprise', contactMobile: '123', memberSince: '2025-06-01', memberUntil: '2025-01-01', cipher })).then(
      () => null,
      (e: { all?: { code: string; params: Record<string, unknown> }[] }) => e.all?.map((p) => [p.code, p.params.field]),
    );
    expect(refusedAll).toEqual([
      ['partner.name.required', 'name'],
      ['partner.mobile.invalid', 'contactMobile'],
      ['partner.membership.invalid', 'memberUntil'],
    ]);
  });

  it('offers a template: the columns the import reads, an example row that is skipped, filled in it imports cleanly', async () => {
    const { fileName, bytes } = await inJinyuan((tx) => partnerImportTemplate(tx, admin));
    expect(fileName).toBe('共建单位导入模板.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('共建单位')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['单位名称', '类型', '地址', '联系人', '联系电话', '可提供服务', '加入日期', '退出日期', '报到党员数']);
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^（示例）/);
    expect(workbook.getWorksheet('填写说明')).toBeTruthy();
    sheet.addRow(['模板填写的单位（测试）', '社会组织', '金元路 3 号', '周老师', '13900004321', '周末亲子阅读', '2025-09-01', '', '3']);
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
    const dry = await inJinyuan((tx) => importPartnerUnits(tx, admin, { bytes: filled, fileName: 'template.xlsx', cipher }));
    expect(dry.rows.map((r) => [r.line, r.name, r.status, r.reasons])).toEqual([[3, '模板填写的单位（测试）', 'ok', []]]);
    // Only the office's importers get it (a grid worker does not).
    const gridActor = await db.actorFor('13800000006', tenantId);
    expect(await refusal(inJinyuan((tx) => partnerImportTemplate(tx, { actor: gridActor, ability: defineAbilityFor(gridActor) })))).toBe('forbidden');
  });
});

describe('service posts and 承诺兑现率', () => {
  it('generates the promised occurrences from the recurrence and computes the rate from what was delivered', async () => {
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '益民大药房（测试）', kind: 'individual_business', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '义诊测血压', audience: '60岁以上老人', place: '党群服务中心', recurrence: 'monthly:2:6', startTime: '09:00', capacity: 30, keywords: '血压，义诊' }));
    expect(await refusal(inJinyuan((tx) => createServicePost(tx, admin, { title: 'x', recurrence: 'daily', startTime: '09:00', capacity: null, keywords: '' })))).toBe('partner.recurrence.invalid');
    // Claimed on 1 August, its occurrences generated that day.
    const claimedAt = dayStart('2026-08-01');
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-08-01', now: claimedAt }));
    expect(await refusal(inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-08-01', now: claimedAt })))).toBe('partner.claim.taken');
    // August to December: second Saturdays 8 Aug, 12 Sep, 10 Oct, 14 Nov, 12 Dec.
    expect(await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-08-01', to: '2026-12-31', now: claimedAt }))).toEqual({ created: 5 });
    expect(await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-08-01', to: '2026-12-31', now: claimedAt }))).toEqual({ created: 0 });
    const occ = await withTenant(db.owner, tenantId, (tx) => tx.select().from(serviceOccurrences).where(eq(serviceOccurrences.partnerUnitId, unitId)).orderBy(serviceOccurrences.startsAt));
    expect(occ.map((o) => o.startsAt.toISOString().slice(0, 10))).toEqual(['2026-08-08', '2026-09-12', '2026-10-10', '2026-11-14', '2026-12-12']);
    const record = (i: number, status: 'delivered' | 'missed' | 'cancelled', peopleServed: number | null = null) => inJinyuan((tx) => recordOccurrence(tx, admin, { occurrenceId: occ[i]!.id, status, peopleServed }));
    await record(0, 'delivered', 23);
    await record(1, 'cancelled'); // rain: the community called it off, no promise broken
    await record(2, 'delivered', 31);
    // 14 Nov never checked in (more than a day past: missed); 12 Dec not yet due.
    expect(await refusal(record(0, 'missed'))).toBe('partner.occurrence.recorded');
    for (const stars of [5, 4]) await withTenant(db.app, tenantId, (tx) => rateOccurrence(tx, anonymousCaller(), { tenantId, occurrenceId: occ[0]!.id, stars }));
    expect(await refusal(withTenant(db.app, tenantId, (tx) => rateOccurrence(tx, anonymousCaller(), { tenantId, occurrenceId: occ[4]!.id, stars: 5 })))).toBe('partner.notFound');

    const unit = (await inJinyuan((tx) => listPartnerUnits(tx, admin, { now: NOW }))).find((u) => u.id === unitId)!;
    // Due: 8 Aug (delivered), 10 Oct (delivered), 14 Nov (missed) → 2 of 3.
    // 应履约 counts the due ones only (the rate's divisor; 12 Dec is upcoming): 3, never 4 beside 66.7 %.
    expect(unit).toMatchObject({ postsClaimed: 1, promised: 3, delivered: 2, upcoming: 1, promiseRate: 66.7, peopleServed: 54, ratings: 2, averageRating: 4.5 });
  });

  it('bounds the people served at an occurrence by the post’s places (99,999 for 20 places was taken: an outside trial)', async () => {
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '惠民理发店（测试）', kind: 'individual_business', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '敬老义剪', recurrence: 'monthly:2:6', startTime: '09:00', capacity: 20, keywords: '' }));
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-10-01', now: dayStart('2026-10-01') }));
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-10-01', to: '2026-11-30', now: dayStart('2026-10-01') }));
    const occ = await withTenant(db.owner, tenantId, (tx) => tx.select().from(serviceOccurrences).where(eq(serviceOccurrences.partnerUnitId, unitId)).orderBy(serviceOccurrences.startsAt));
    const record = (peopleServed: number) => inJinyuan((tx) => recordOccurrence(tx, admin, { occurrenceId: occ[0]!.id, status: 'delivered', peopleServed, now: NOW }));
    const refusedAs = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; params?: Record<string, unknown> }) => ({ code: e.code, params: e.params }));
    expect(await refusedAs(record(99_999))).toEqual({ code: 'partner.served.overCapacity', params: { field: 'peopleServed', max: 40, capacity: 20, factor: 2 } });
    expect(await refusedAs(record(41))).toMatchObject({ code: 'partner.served.overCapacity' });
    // Twice the places is taken (people come without booking); nothing was recorded by the refusals.
    expect(await record(40)).toEqual({ status: 'delivered' });
    const [row] = await withTenant(db.owner, tenantId, (tx) => tx.select().from(serviceOccurrences).where(eq(serviceOccurrences.id, occ[0]!.id)));
    expect(row).toMatchObject({ status: 'delivered', peopleServed: 40 });
  });

  it('generates the next three months across the year end, without the 2027 calendar, and lists them all', async () => {
    // An outside trial on 2026-11-30 saw only 2026-12 (generated 60 days ahead, listed 30 days ahead).
    const today = '2026-11-30';
    expect(occurrenceHorizon(today)).toBe('2027-02-28');
    expect(occurrenceHorizon('2026-10-15')).toBe('2027-01-15');
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '跨年义诊药房（测试）', kind: 'individual_business', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '跨年第二个周六义诊', recurrence: 'monthly:2:6', startTime: '09:00', capacity: 30, keywords: '' }));
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: today, now: NOW }));
    // (Every active claim of the community is generated; this post's are the three below.)
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: today, to: occurrenceHorizon(today), now: NOW }));
    const shown = (await inJinyuan((tx) => listServicePosts(tx, admin, { now: NOW }))).posts.find((p) => p.id === postId)!;
    expect(shown.occurrences.map((o) => o.startsAt.toISOString())).toEqual(['2026-12-12T01:00:00.000Z', '2027-01-09T01:00:00.000Z', '2027-02-13T01:00:00.000Z']);
  });

  it('a claim starts today at the earliest, and occurrences are generated only for times still to come (decision 074)', async () => {
    // Issue 18's fault, on the posts' side: a claim dated back generated the occurrences of days already past, promised
    // and recordable as delivered at once, with nobody told.
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '补认领书店（测试）', kind: 'individual_business', cipher }));
    // Every Monday at 09:00; NOW is Monday 30 November 2026, 10:00 China time: today's 09:00 has passed.
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '周一读书角', recurrence: 'weekly:1', startTime: '09:00', capacity: 10, keywords: '' }));
    const claim = (claimedOn: string) => inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn, now: NOW }));
    expect(await claim('2026-11-29').catch((e: UseCaseError) => [e.code, e.params])).toEqual(['partner.claim.past', { field: 'claimedOn', today: '2026-11-30' }]);
    expect(await claim('2026-01-05').catch((e: UseCaseError) => e.code)).toBe('partner.claim.past');
    const mine = () => withTenant(db.owner, tenantId, (tx) => tx.select().from(serviceOccurrences).where(eq(serviceOccurrences.partnerUnitId, unitId)).orderBy(serviceOccurrences.startsAt));
    expect(await withTenant(db.owner, tenantId, (tx) => tx.select().from(servicePostClaims).where(eq(servicePostClaims.partnerUnitId, unitId)))).toEqual([]);
    // Claimed today: today's 09:00 (already past at 10:00) is no promise; the next Mondays are.
    await claim('2026-11-30');
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-11-23', to: '2026-12-14', now: NOW }));
    expect((await mine()).map((o) => o.startsAt.toISOString())).toEqual(['2026-12-07T01:00:00.000Z', '2026-12-14T01:00:00.000Z']);
    // Before 09:00 the same day, today's is still to come, and is generated.
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-11-30', to: '2026-11-30', now: new Date('2026-11-30T00:30:00Z') }));
    expect((await mine()).map((o) => o.startsAt.toISOString())).toEqual(['2026-11-30T01:00:00.000Z', '2026-12-07T01:00:00.000Z', '2026-12-14T01:00:00.000Z']);
  });

  it('an occurrence is recorded delivered from two hours before its start, missed from its start, called off at any time (decision 074)', async () => {
    // Its outcome recorded before it happened counted in the unit's 承诺兑现率 at once.
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '提前登记花店（测试）', kind: 'individual_business', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '周三插花课', recurrence: 'weekly:3', startTime: '14:00', capacity: 10, keywords: '' }));
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-11-30', now: NOW }));
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-11-30', to: '2026-12-09', now: NOW }));
    const occ = await withTenant(db.owner, tenantId, (tx) => tx.select().from(serviceOccurrences).where(eq(serviceOccurrences.partnerUnitId, unitId)).orderBy(serviceOccurrences.startsAt));
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual(['2026-12-02T06:00:00.000Z', '2026-12-09T06:00:00.000Z']);
    const record = (i: number, status: 'delivered' | 'missed' | 'cancelled', now: Date) => inJinyuan((tx) => recordOccurrence(tx, admin, { occurrenceId: occ[i]!.id, status, peopleServed: status === 'delivered' ? 6 : null, now }));
    const notYet = { code: 'partner.occurrence.notYet', params: { startsAt: '2026-12-02 14:00', from: '2026-12-02 12:00' } };
    expect(await record(0, 'delivered', NOW).catch((e: UseCaseError) => ({ code: e.code, params: e.params }))).toEqual(notYet);
    expect(await record(0, 'delivered', new Date('2026-12-02T03:59:00Z')).catch((e: UseCaseError) => ({ code: e.code, params: e.params }))).toEqual(notYet);
    expect(await record(0, 'missed', new Date('2026-12-02T05:59:00Z')).catch((e: UseCaseError) => ({ code: e.code, params: e.params }))).toEqual({ ...notYet, params: { ...notYet.params, from: '2026-12-02 14:00' } });
    expect((await withTenant(db.owner, tenantId, (tx) => tx.select().from(serviceOccurrences).where(eq(serviceOccurrences.partnerUnitId, unitId)))).map((o) => o.status)).toEqual(['scheduled', 'scheduled']);
    expect(await record(0, 'delivered', new Date('2026-12-02T04:00:00Z'))).toEqual({ status: 'delivered' });
    // The next one is called off a week ahead (the florist's holiday).
    expect(await record(1, 'cancelled', NOW)).toEqual({ status: 'cancelled' });
  });

  it('says which field is missing: 请填写单位名称, not 请填写标题; the start time apart from the recurrence', async () => {
    const refusedAs = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; params?: Record<string, unknown> }) => ({ code: e.code, field: e.params?.field }));
    expect(await refusedAs(inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '  ', kind: 'enterprise', cipher })))).toEqual({ code: 'partner.name.required', field: 'name' });
    expect(await refusedAs(inJinyuan((tx) => createServicePost(tx, admin, { title: '某岗位', recurrence: 'weekly:3', startTime: '', capacity: null, keywords: '' })))).toEqual({ code: 'partner.startTime.invalid', field: 'startTime' });
    expect(await refusedAs(inJinyuan((tx) => createServicePost(tx, admin, { title: '某岗位', recurrence: '', startTime: '09:00', capacity: null, keywords: '' })))).toEqual({ code: 'partner.recurrence.invalid', field: 'recurrence' });
  });

  it('surfaces a post for a wish that asks for it (居民点单、社区派单、单位接单)', async () => {
    const categoryId = (await withTenant(db.owner, tenantId, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生'))))[0]!.id;
    const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-post-'))) };
    const { id: caseId } = await submitCase(db.app, anonymousCaller(), { tenantId, categoryId, content: '家里老人行动不便，希望有人上门理发', consent: false, photos: [], channel: 'qr', deps });
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '阿强理发（测试）', kind: 'individual_business', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '上门义剪', recurrence: 'weekly:3', startTime: '14:00', capacity: 5, keywords: '理发、剪发' }));
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-11-01', now: dayStart('2026-11-01') }));
    const found = await inJinyuan((tx) => findPostsForWish(tx, admin, { caseId }));
    expect(found.map((p) => [p.title, p.units])).toContainEqual(['上门义剪', ['阿强理发（测试）']]);
    expect(found.map((p) => p.title)).not.toContain('义诊测血压');
  });
});
