import { mkdtempSync } from 'node:fs';
import { PARTNER_FILE_MAX_BYTES } from '@shequ/domain';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { categories, orgUnits, serviceOccurrences, withTenant } from '@shequ/db';
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
  rateOccurrence,
  recordOccurrence,
  registerPartnerUnit,
  submitCase,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 18 / decision 037: partner units (sealed contacts, Excel import with a dry run) and service posts (recurrence,
// claims, occurrences, check-in, people served, ratings) with 承诺兑现率 computed from occurrences.
const db = seededDatabase();
const cipher = createPersonalDataCipher('9a'.repeat(32));
const NOW = new Date('2026-11-30T02:00:00Z');
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
      [5, 'error', 'partner.kind.invalid'],
      [6, 'duplicate', 'partner.name.taken'],
      [7, 'error', 'partner.mobile.invalid'],
    ]);
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

describe('service posts and 承诺兑现率', () => {
  it('generates the promised occurrences from the recurrence and computes the rate from what was delivered', async () => {
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '益民大药房（测试）', kind: 'individual_business', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '义诊测血压', audience: '60岁以上老人', place: '党群服务中心', recurrence: 'monthly:2:6', startTime: '09:00', capacity: 30, keywords: '血压，义诊' }));
    expect(await refusal(inJinyuan((tx) => createServicePost(tx, admin, { title: 'x', recurrence: 'daily', startTime: '09:00', capacity: null, keywords: '' })))).toBe('partner.recurrence.invalid');
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-08-01' }));
    expect(await refusal(inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-08-01' })))).toBe('partner.claim.taken');
    // August to December: second Saturdays 8 Aug, 12 Sep, 10 Oct, 14 Nov, 12 Dec.
    expect(await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-08-01', to: '2026-12-31' }))).toEqual({ created: 5 });
    expect(await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-08-01', to: '2026-12-31' }))).toEqual({ created: 0 });
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
    expect(unit).toMatchObject({ postsClaimed: 1, promised: 4, delivered: 2, promiseRate: 66.7, peopleServed: 54, ratings: 2, averageRating: 4.5 });
  });

  it('surfaces a post for a wish that asks for it (居民点单、社区派单、单位接单)', async () => {
    const categoryId = (await withTenant(db.owner, tenantId, (tx) => tx.select().from(categories).where(eq(categories.name, '环境卫生'))))[0]!.id;
    const deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-post-'))) };
    const { id: caseId } = await submitCase(db.app, deps, { tenantId, categoryId, content: '家里老人行动不便，希望有人上门理发', consent: false, photos: [], channel: 'qr' });
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name: '阿强理发（测试）', kind: 'individual_business', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: '上门义剪', recurrence: 'weekly:3', startTime: '14:00', capacity: 5, keywords: '理发、剪发' }));
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-11-01' }));
    const found = await inJinyuan((tx) => findPostsForWish(tx, admin, { caseId }));
    expect(found.map((p) => [p.title, p.units])).toContainEqual(['上门义剪', ['阿强理发（测试）']]);
    expect(found.map((p) => p.title)).not.toContain('义诊测血压');
  });
});
