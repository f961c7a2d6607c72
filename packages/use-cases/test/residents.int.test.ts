import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditEvents, buildings, categories, grids, orgUnits, residents, withTenant } from '@shequ/db';
import { idCardCheckChar, ROSTER_COLUMNS, ROSTER_TEMPLATE_HEADINGS, rosterBirth } from '@shequ/domain';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addResidentTag,
  anonymousCaller,
  editResident,
  findResidents,
  getResident,
  importResidents,
  linkResidents,
  listResidentTags,
  mergeResidents,
  moveOutResident,
  registerResident,
  RESIDENT_REFUSALS,
  residentImportTemplate,
  revealResident,
  submitCase,
  UseCaseError,
} from '../src/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { localPhotoStorage } from '../src/storage/index.ts';
import { seedDemoResidents } from '../src/seed/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Issue 16 / decision 034: the residents' register. Sealed personal data found by keyed hashes, refusals, the
// roster import, merging, the grid worker's scope, and other communities seeing nothing.
const db = seededDatabase();
const cipher = createPersonalDataCipher('5c'.repeat(32));
const NOW = new Date('2026-11-29T03:00:00Z');

const unitId = async (code: string) => (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, code)))[0]!.id;
async function callerFor(mobile: string, community = '520115001001') {
  const tenantId = await unitId(community);
  const actor = await db.actorFor(mobile, tenantId);
  return { tenantId, caller: { actor, ability: defineAbilityFor(actor) } };
}
const inJinyuan = <T>(tenantId: string, fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);
async function buildingNamed(tenantId: string, name: string) {
  const [b] = await withTenant(db.app, tenantId, (tx) => tx.select({ id: buildings.id, gridId: buildings.gridId }).from(buildings).where(eq(buildings.name, name)));
  return b!;
}
const idNumber = (birth8: string, seq: string) => `520115${birth8}${seq}` + idCardCheckChar(`520115${birth8}${seq}`);
const person = (over: Record<string, unknown> = {}) => ({ name: '王秀英', consent: true, consentChannel: 'in_person' as const, cipher, now: NOW, ...over });

/** Every problem of a refusal, as [code, params]. */
async function problems(p: Promise<unknown>): Promise<[string, Record<string, unknown>][]> {
  try {
    await p;
  } catch (error) {
    if (error instanceof UseCaseError) return error.all.map((e) => [e.code, e.params]);
    throw error;
  }
  throw new Error('not refused');
}

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('居民');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('the residents’ register', () => {
  it('stores no plaintext name, mobile or ID number, and finds a person by exact mobile, ID number or name fragment', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    const b = await buildingNamed(tenantId, '5栋');
    const id = idNumber('19470312', '022');
    const { id: residentId } = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '龙素珍', mobile: '139 0851 2201', idNumber: id, buildingId: b.id, unit: '2', room: '301' })));
    const [raw] = await withTenant(db.owner, tenantId, (tx) => tx.execute<Record<string, unknown>>(sql`select * from residents where id = ${residentId}`));
    const text = JSON.stringify(raw);
    expect(text).not.toContain('龙素珍');
    expect(text).not.toContain('13908512201');
    expect(text).not.toContain(id);
    expect(raw).toMatchObject({ name_hint: '龙**', mobile_hint: '139****2201', birth: '1947-03-12', gender: 'female' });

    const find = (q: string) => inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q, cipher, now: NOW }));
    const byMobile = await find('13908512201');
    expect(byMobile.queryKind).toBe('mobile');
    expect(byMobile.rows.map((r) => r.id)).toEqual([residentId]);
    expect(byMobile.rows[0]).toMatchObject({ nameHint: '龙**', mobileHint: '139****2201', age: 79, address: '5栋 2单元 301' });
    expect((await find(id.toLowerCase())).rows.map((r) => r.id)).toEqual([residentId]);
    expect((await find('素珍')).rows.map((r) => r.id)).toContain(residentId);
    expect((await find('龙素珍')).rows.map((r) => r.id)).toContain(residentId);
    expect((await find('13908512209')).rows).toEqual([]);
    // Another key finds nothing: the index is keyed.
    const other = createPersonalDataCipher('6d'.repeat(32));
    expect((await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13908512201', cipher: other }))).rows).toEqual([]);
  });

  it('refuses what is wrong with a person, each with its own code beside its field', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    const register = (over: Record<string, unknown>) => refusal(inJinyuan(tenantId, (tx) => registerResident(tx, caller, person(over))));
    expect(await register({ name: '  ' })).toBe('resident.invalid');
    expect(await register({ name: '王'.repeat(21) })).toBe('resident.name.tooLong');
    expect(await register({ mobile: '12345' })).toBe('resident.mobile.invalid');
    expect(await register({ idNumber: '520115194703120221' })).toBe('resident.idNumber.invalid'); // wrong check character
    expect(await register({ birth: '2027-01' })).toBe('resident.birth.invalid');
    expect(await register({ idNumber: idNumber('19470312', '022'), birth: '1950-01' })).toBe('resident.birth.mismatch');
    expect(await register({ idNumber: idNumber('19500101', '033'), gender: 'female' })).toBe('resident.gender.mismatch');
    expect(await register({ buildingId: '00000000-0000-7000-8000-000000000000' })).toBe('resident.building.invalid');
    expect(await register({ tagIds: ['00000000-0000-7000-8000-000000000000'] })).toBe('resident.tags.invalid');
    expect(await register({ room: '一二三四五六七八九十一' })).toBe('resident.address.tooLong');
    expect(await register({ consent: false })).toBe('resident.consent.required');
    expect(await register({ mobile: '13908512201' })).toBe('resident.duplicate.mobile');
    expect(await register({ idNumber: idNumber('19470312', '022') })).toBe('resident.duplicate.idNumber');
    // A mobile knowingly shared (an elder using a child's phone) is registered.
    const shared = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '龙德明', mobile: '13908512201', sharedMobile: 'on' })));
    expect(shared.id).toBeTruthy();
    // Roles without the register: a volunteer-team leader; officers have no community at all.
    const leader = await callerFor('13800000007');
    expect(await refusal(inJinyuan(tenantId, (tx) => registerResident(tx, leader.caller, person({ name: '某人' }))))).toBe('forbidden');
    expect(await refusal(inJinyuan(tenantId, (tx) => findResidents(tx, leader.caller, { cipher })))).toBe('forbidden');
    // Every code used here has its place in the register's refusal list.
    expect(RESIDENT_REFUSALS.invalid).toEqual(expect.arrayContaining(['resident.name.tooLong', 'resident.consent.required']));
    expect(RESIDENT_REFUSALS.conflict).toContain('resident.duplicate.idNumber');
  });

  it('edits, tags, moves out (kept for history, no longer listed) and refuses to act on the moved-out', async () => {
    const { tenantId, caller } = await callerFor('13800000005');
    const tags = await inJinyuan(tenantId, (tx) => listResidentTags(tx, caller));
    expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(['独居', '空巢', '高龄', '失能/半失能', '计生特殊家庭', '退役军人', '志愿者']));
    const alone = tags.find((t) => t.name === '独居')!;
    const { id } = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '杜守义', mobile: '13608510001', birth: '1940-5' })));
    await inJinyuan(tenantId, (tx) => editResident(tx, caller, { residentId: id, name: '杜守义', mobile: '13608510001', birth: '1940-05-06', tagIds: [alone.id], cipher, now: NOW }));
    const page = await inJinyuan(tenantId, (tx) => getResident(tx, caller, { residentId: id, now: NOW }));
    expect(page.resident).toMatchObject({ birth: '1940-05-06', age: 86, status: 'active' });
    expect(page.tags).toEqual(['独居']);
    expect(page.consents).toMatchObject([{ purpose: 'register', channel: 'in_person', givenOn: '2026-11-29' }]);
    const byTag = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { tagId: alone.id, cipher, now: NOW }));
    expect(byTag.rows.map((r) => r.id)).toContain(id);
    const over80 = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { minAge: 80, cipher, now: NOW }));
    expect(over80.rows.every((r) => (r.age ?? 0) >= 80)).toBe(true);

    // Only the admin extends the tag list.
    expect(await refusal(inJinyuan(tenantId, (tx) => addResidentTag(tx, caller, { name: '楼栋长' })))).toBe('forbidden');
    const admin = await callerFor('13800000004');
    await inJinyuan(tenantId, (tx) => addResidentTag(tx, admin.caller, { name: '楼栋长' }));
    expect(await refusal(inJinyuan(tenantId, (tx) => addResidentTag(tx, admin.caller, { name: '楼栋长' })))).toBe('resident.tag.taken');
    expect(await refusal(inJinyuan(tenantId, (tx) => addResidentTag(tx, admin.caller, { name: '一二三四五六七八九十一二三' })))).toBe('resident.invalid');

    await inJinyuan(tenantId, (tx) => moveOutResident(tx, caller, { residentId: id, reason: '随子女搬走', now: NOW }));
    const active = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13608510001', cipher }));
    expect(active.rows).toEqual([]);
    const moved = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13608510001', status: 'moved_out', cipher }));
    expect(moved.rows.map((r) => r.id)).toEqual([id]);
    expect(await refusal(inJinyuan(tenantId, (tx) => moveOutResident(tx, caller, { residentId: id })))).toBe('resident.notActive');
    expect(await refusal(inJinyuan(tenantId, (tx) => editResident(tx, caller, { residentId: id, name: '杜守义', cipher })))).toBe('resident.notActive');
    // Moved out, their mobile is free for someone else.
    await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '新住户', mobile: '13608510001' })));
  });

  it('reveals in full only on purpose, with an audit event; finds their wishes by the mobile they left', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    const { id } = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '胡桂兰', mobile: '13508519988', idNumber: idNumber('19520708', '044') })));
    const [category] = await withTenant(db.app, tenantId, (tx) => tx.select().from(categories).where(eq(categories.active, true)).limit(1));
    const deps = { cipher, storage: localPhotoStorage('/tmp/shequ-residents-test') };
    const wish = await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '家里水龙头漏水，想请人帮忙修', mobile: '135 0851 9988', name: '胡阿姨', consent: true, photos: [], channel: 'qr', deps });
    await submitCase(db.app, anonymousCaller(), { tenantId, categoryId: category!.id, content: '别人的心愿', mobile: '13508510000', consent: true, photos: [], channel: 'qr', deps });
    const page = await inJinyuan(tenantId, (tx) => getResident(tx, caller, { residentId: id }));
    expect(page.wishes.map((w) => [w.id, w.linkedBy])).toEqual([[wish.id, 'mobile']]);
    expect(page.resident).toMatchObject({ nameHint: '胡**', mobileHint: '135****9988', idNumberHint: `5201${'*'.repeat(10)}${idNumber('19520708', '044').slice(-4)}` });

    const before = await withTenant(db.app, tenantId, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, 'reveal_resident'), eq(auditEvents.subjectId, id))));
    expect(before).toHaveLength(0);
    const shown = await inJinyuan(tenantId, (tx) => revealResident(tx, caller, { residentId: id, cipher }));
    expect(shown).toEqual({ name: '胡桂兰', mobile: '13508519988', idNumber: idNumber('19520708', '044') });
    const after = await withTenant(db.app, tenantId, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.action, 'reveal_resident'), eq(auditEvents.subjectId, id))));
    expect(after).toMatchObject([{ actorUserId: caller.actor.userId, subjectType: 'Resident' }]);
    expect(await refusal(inJinyuan(tenantId, (tx) => revealResident(tx, caller, { residentId: id, cipher: createPersonalDataCipher('6d'.repeat(32)) })))).toBe('resident.contactUnreadable');
  });

  it('merges a duplicate: history kept, tags, links, consents and wishes move to the record kept', async () => {
    const { tenantId, caller } = await callerFor('13800000005');
    const tags = await inJinyuan(tenantId, (tx) => listResidentTags(tx, caller));
    const party = tags.find((t) => t.name === '党员')!.id;
    const b = await buildingNamed(tenantId, '7栋');
    const keep = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '郭振华', buildingId: b.id, unit: '1', room: '502' })));
    const dup = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '郭振华', mobile: '18708517777', idNumber: idNumber('19580101', '015'), tagIds: [party] })));
    const spouse = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '田素珍' })));
    await inJinyuan(tenantId, (tx) => linkResidents(tx, caller, { residentId: spouse.id, otherId: dup.id, kind: 'household', relation: '配偶' }));
    expect(await refusal(inJinyuan(tenantId, (tx) => linkResidents(tx, caller, { residentId: spouse.id, otherId: spouse.id, kind: 'household' })))).toBe('resident.link.invalid');

    expect(await refusal(inJinyuan(tenantId, (tx) => mergeResidents(tx, caller, { keepId: keep.id, duplicateId: keep.id })))).toBe('resident.merge.same');
    const grid = await callerFor('13800000006');
    // A grid worker may not merge (7栋 is not in their grid: they do not even see the record kept).
    expect(await refusal(inJinyuan(tenantId, (tx) => mergeResidents(tx, grid.caller, { keepId: keep.id, duplicateId: dup.id })))).toBe('resident.notFound');
    const merged = await inJinyuan(tenantId, (tx) => mergeResidents(tx, caller, { keepId: keep.id, duplicateId: dup.id, now: NOW }));
    expect(merged.moved).toMatchObject({ tags: 1, links: 1, consents: 1 });

    const page = await inJinyuan(tenantId, (tx) => getResident(tx, caller, { residentId: keep.id }));
    expect(page.resident).toMatchObject({ mobileHint: '187****7777', address: '7栋 1单元 502', birth: '1958-01-01', gender: 'male' });
    expect(page.tags).toEqual(['党员']);
    expect(page.links).toMatchObject([{ kind: 'household', relation: '配偶', otherId: spouse.id }]);
    // Both records' 登记入档 of the same day by the same person: one line, counting the two (issue 16).
    expect(page.consents).toMatchObject([{ purpose: 'register', records: 2 }]);
    expect(page.mergedFrom.map((m) => m.id)).toEqual([dup.id]);
    const [old] = await withTenant(db.app, tenantId, (tx) => tx.select().from(residents).where(eq(residents.id, dup.id)));
    expect(old).toMatchObject({ status: 'merged', mergedIntoId: keep.id });
    expect(await refusal(inJinyuan(tenantId, (tx) => mergeResidents(tx, caller, { keepId: keep.id, duplicateId: dup.id })))).toBe('resident.notActive');
    // Two different ID numbers are two people.
    const x = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '甲', idNumber: idNumber('19600101', '017') })));
    const y = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '甲', idNumber: idNumber('19600101', '019') })));
    expect(await refusal(inJinyuan(tenantId, (tx) => mergeResidents(tx, caller, { keepId: x.id, duplicateId: y.id })))).toBe('resident.merge.idConflict');
  });

  it('after a merge the duplicate’s mobile and ID number find the record kept, with the more precise birth date (issue 16)', async () => {
    const { tenantId, caller } = await callerFor('13800000005');
    const keep = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '聂桂香', birth: '1948-03' })));
    const dup = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '聂桂香', mobile: '13985228801', birth: '1948-03-15' })));
    const other = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '聂某', mobile: '13985228802' })));
    await inJinyuan(tenantId, (tx) => mergeResidents(tx, caller, { keepId: keep.id, duplicateId: dup.id, now: NOW }));
    const page = await inJinyuan(tenantId, (tx) => getResident(tx, caller, { residentId: keep.id }));
    expect(page.resident.birth).toBe('1948-03-15');
    const byMobile = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13985228801', cipher, now: NOW }));
    // The kept record took the duplicate's mobile: found as itself.
    expect(byMobile.rows).toMatchObject([{ id: keep.id, viaMerged: false }]);

    // The kept record has its own mobile: the duplicate's other number still finds it, marked as found through the merge.
    const id = idNumber('19400707', '028');
    const second = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '聂某', mobile: '13985228803', idNumber: id })));
    await inJinyuan(tenantId, (tx) => mergeResidents(tx, caller, { keepId: other.id, duplicateId: second.id, now: NOW }));
    const viaMerged = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13985228803', cipher, now: NOW }));
    expect(viaMerged.rows).toMatchObject([{ id: other.id, viaMerged: true }]);
    const byId = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: id, cipher, now: NOW }));
    expect(byId.rows).toMatchObject([{ id: other.id }]);
    const own = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13985228802', cipher, now: NOW }));
    expect(own.rows).toMatchObject([{ id: other.id, viaMerged: false }]);
  });

  it('shows on the person’s page when, by whom and why they moved out (issue 16)', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    const p = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '搬走了' })));
    await inJinyuan(tenantId, (tx) => moveOutResident(tx, caller, { residentId: p.id, reason: '随子女去外地居住', now: NOW }));
    const page = await inJinyuan(tenantId, (tx) => getResident(tx, caller, { residentId: p.id }));
    expect(page.movedOut).toMatchObject({ at: NOW, reason: '随子女去外地居住', by: expect.any(String) });
    expect(page.movedOut?.by).toBeTruthy();
  });

  it('imports a roster: a dry run reports every row with its reasons, duplicates by mobile or ID number, then commits the good rows', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    const file = await xlsx([
      ['姓名', '手机号', '性别', '出生年月', '身份证号', '楼栋', '单元', '房号', '标签'],
      ['朱玉珍', '13985110001', '女', '1944-02', '', '3', '1', '201', '独居、高龄'],
      ['马国华', '13985110002', '男', '', idNumber('19550606', '031'), '4号楼', '2', '602', '党员'],
      ['', '13985110003', '', '', '', '', '', '', ''],
      ['罗伟', '1398511', '男', '', '', '', '', '', ''],
      ['何淑芬', '13985110004', '女', '1960-13', '', '', '', '', ''],
      ['徐海涛', '13985110005', '男', '', '', '99栋', '', '', ''],
      ['孙婷', '13985110006', '女', '', '', '', '', '', '网红'],
      ['朱玉珍', '13985110001', '女', '1944-02', '', '3栋', '1', '201', ''],
      ['胡桂兰', '13508519988', '女', '', '', '', '', '', ''],
      ['高美玲', '', '人妖', '', '', '', '', '', ''],
    ]);
    const dry = await inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: file, fileName: '居民花名册.xlsx', cipher, now: NOW }));
    expect(dry.imported).toBe(0);
    expect(dry.counts).toEqual({ ok: 2, error: 6, duplicate: 2 });
    const at = (line: number) => dry.rows.find((r) => r.line === line)!;
    expect(at(2)).toMatchObject({ status: 'ok', nameHint: '朱**' });
    expect(at(3)).toMatchObject({ status: 'ok' });
    expect(at(4).reasons.map((r) => r.code)).toEqual(['resident.name.required']);
    expect(at(5).reasons.map((r) => r.code)).toEqual(['resident.mobile.invalid']);
    expect(at(6).reasons.map((r) => r.code)).toEqual(['resident.birth.invalid']);
    expect(at(7).reasons).toEqual([{ code: 'resident.building.invalid', params: { field: 'buildingId', building: '99栋' } }]);
    expect(at(8).reasons).toEqual([{ code: 'resident.tags.invalid', params: { field: 'tagIds', tags: '网红' } }]);
    expect(at(9)).toMatchObject({ status: 'duplicate', reasons: [{ code: 'resident.duplicate.mobile', params: { line: 2 } }] });
    expect(at(10)).toMatchObject({ status: 'duplicate', reasons: [{ code: 'resident.import.duplicateMobile', params: { inRegister: 1 } }] });
    expect(at(11).reasons).toEqual([{ code: 'resident.gender.invalid', params: { field: 'gender' } }]);
    const none = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13985110001', cipher }));
    expect(none.total).toBe(0);

    expect(await refusal(inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: file, fileName: 'a.xlsx', commit: true, cipher })))).toBe('resident.import.consent');
    const done = await inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: file, fileName: '居民花名册.xlsx', commit: 'on', consent: 'on', cipher, now: NOW }));
    expect(done.imported).toBe(2);
    const found = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13985110001', cipher, now: NOW }));
    expect(found.rows).toMatchObject([{ nameHint: '朱**', address: '3栋 1单元 201', tags: ['独居', '高龄'], age: 82 }]);
    const again = await inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: file, fileName: 'again.xlsx', cipher }));
    expect(again.counts.ok).toBe(0);

    expect(await refusal(inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: new Uint8Array(), fileName: 'a.xlsx', cipher })))).toBe('resident.import.empty');
    expect(await refusal(inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: new Uint8Array([0xd0, 0xcf, 1, 2]), fileName: 'a.xls', cipher })))).toBe('resident.import.oldExcel');
    const noNames = await xlsx([['手机号'], ['13900000000']]);
    expect(await refusal(inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: noNames, fileName: 'a.xlsx', cipher })))).toBe('resident.import.missingColumns');
    const grid = await callerFor('13800000006');
    expect(await refusal(inJinyuan(tenantId, (tx) => importResidents(tx, grid.caller, { bytes: file, fileName: 'a.xlsx', cipher })))).toBe('forbidden');
  });

  it('a grid worker’s tag counts are of their own grids: what the filter by tag then lists (found by an outside trial of issue 13)', async () => {
    const { tenantId, caller } = await callerFor('13800000006');
    const admin = await callerFor('13800000004');
    const mine = await inJinyuan(tenantId, (tx) => listResidentTags(tx, caller));
    const all = await inJinyuan(tenantId, (tx) => listResidentTags(tx, admin.caller));
    for (const tag of mine) {
      const listed = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { tagId: tag.id, cipher, pageSize: 200 }));
      expect([tag.name, tag.people]).toEqual([tag.name, listed.total]);
      const everyone = await inJinyuan(tenantId, (tx) => findResidents(tx, admin.caller, { tagId: tag.id, cipher, pageSize: 200 }));
      expect([tag.name, all.find((t) => t.id === tag.id)!.people]).toEqual([tag.name, everyone.total]);
    }
    // The demo's grids hold people outside 第一网格 with these tags: the counts differ somewhere.
    expect(mine.some((t) => t.people < all.find((a) => a.id === t.id)!.people)).toBe(true);
  });

  it('a grid worker sees and registers only the people of their own grids’ buildings', async () => {
    const { tenantId, caller } = await callerFor('13800000006');
    const admin = await callerFor('13800000004');
    const [ownGrid] = await withTenant(db.app, tenantId, (tx) => tx.select().from(grids).where(eq(grids.gridWorkerId, caller.actor.userId)));
    const own = await withTenant(db.app, tenantId, (tx) => tx.select().from(buildings).where(eq(buildings.gridId, ownGrid!.id)));
    const elsewhere = (await withTenant(db.app, tenantId, (tx) => tx.select().from(buildings))).find((b) => b.gridId !== ownGrid!.id)!;
    const mine = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '留守甲', buildingId: own[0]!.id })));
    // Issue 16: refused beside 楼栋 (the form keeps what was typed), not with a forbidden page.
    expect(await problems(inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '越界乙', buildingId: elsewhere.id }))))).toEqual([['resident.building.outOfGrid', { field: 'buildingId' }]]);
    expect(await problems(inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '无楼丙' }))))).toEqual([['resident.building.gridRequired', { field: 'buildingId' }]]);
    const theirs = await inJinyuan(tenantId, (tx) => registerResident(tx, admin.caller, person({ name: '别格丁', mobile: '13985226601', idNumber: idNumber('19520202', '041'), buildingId: elsewhere.id })));
    // Issue 16: a mobile or ID number held by someone outside the grid worker's grids is named neutrally, no id.
    expect(await problems(inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '重号戊', mobile: '13985226601', idNumber: idNumber('19520202', '041'), buildingId: own[0]!.id }))))).toEqual([
      ['resident.duplicate.idNumberElsewhere', { field: 'idNumber' }],
      ['resident.duplicate.mobileElsewhere', { field: 'mobile' }],
    ]);
    // The office, who sees everyone, is told whose it is.
    expect((await problems(inJinyuan(tenantId, (tx) => registerResident(tx, admin.caller, person({ name: '重号戊', mobile: '13985226601' })))))[0]).toEqual(['resident.duplicate.mobile', { field: 'mobile', residentId: theirs.id }]);

    const listed = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { cipher, pageSize: 200 }));
    const ids = listed.rows.map((r) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(listed.rows.every((r) => own.some((b) => r.address.startsWith(b.name)))).toBe(true);
    expect(await refusal(inJinyuan(tenantId, (tx) => getResident(tx, caller, { residentId: theirs.id })))).toBe('resident.notFound');
    expect(await refusal(inJinyuan(tenantId, (tx) => revealResident(tx, caller, { residentId: theirs.id, cipher })))).toBe('resident.notFound');
    // Moving one of theirs into another grid is not theirs to do.
    expect(await problems(inJinyuan(tenantId, (tx) => editResident(tx, caller, { residentId: mine.id, name: '留守甲', buildingId: elsewhere.id, cipher })))).toEqual([['resident.building.outOfGrid', { field: 'buildingId' }]]);
    await inJinyuan(tenantId, (tx) => editResident(tx, caller, { residentId: mine.id, name: '留守甲', buildingId: own[1]!.id, room: '101', cipher }));
    // Name, mobile and ID number are sealed and not shown on the edit form: left empty, they stay as they are.
    await inJinyuan(tenantId, (tx) => editResident(tx, caller, { residentId: mine.id, name: '', buildingId: own[1]!.id, room: '102', cipher }));
    expect(await inJinyuan(tenantId, (tx) => revealResident(tx, caller, { residentId: mine.id, cipher }))).toMatchObject({ name: '留守甲' });
  });

  it('another community sees none of it: not by its own staff, not by id, not by the rows themselves', async () => {
    const jinyuan = await callerFor('13800000004');
    const { id } = await inJinyuan(jinyuan.tenantId, (tx) => registerResident(tx, jinyuan.caller, person({ name: '隔壁看不见', mobile: '15808510042' })));
    const other = await callerFor('13800000005', '520115001002');
    expect(other.tenantId).not.toBe(jinyuan.tenantId);
    expect(await refusal(withTenant(db.app, other.tenantId, (tx) => getResident(tx, other.caller, { residentId: id })))).toBe('resident.notFound');
    expect(await refusal(withTenant(db.app, other.tenantId, (tx) => revealResident(tx, other.caller, { residentId: id, cipher })))).toBe('resident.notFound');
    expect(await refusal(withTenant(db.app, other.tenantId, (tx) => moveOutResident(tx, other.caller, { residentId: id })))).toBe('resident.notFound');
    expect((await withTenant(db.app, other.tenantId, (tx) => findResidents(tx, other.caller, { q: '15808510042', cipher }))).rows).toEqual([]);
    // Row-level security: inside the other community, or with no community, the table is empty and refuses writes.
    expect(await withTenant(db.app, other.tenantId, (tx) => tx.select().from(residents))).toEqual([]);
    // A community caller whose transaction is another community's (a bug in a route) reads nothing either.
    expect(await refusal(withTenant(db.app, other.tenantId, (tx) => getResident(tx, jinyuan.caller, { residentId: id })))).toBe('resident.notFound');
    const write = await withTenant(db.app, other.tenantId, (tx) => tx.insert(residents).values({ tenantId: jinyuan.tenantId, nameEnc: 'x', nameHint: 'x' })).catch((e: Error) => String(e.cause));
    expect(write).toMatch(/row-level security/);
    // Officers have no register: their scope has no community.
    const street = await db.actorFor('13800000002');
    expect(await refusal(withTenant(db.app, jinyuan.tenantId, (tx) => findResidents(tx, { actor: street, ability: defineAbilityFor(street) }, { cipher })))).toBe('resident.notFound');
  });

  it('seeds a live demo register for 金元社区: a few hundred people, about a quarter 60 or older, with tags', async () => {
    const seeded = await seedDemoResidents(db.owner, { cipher, people: 300, now: NOW });
    // The register already has people from the tests above, so the demo seed adds nothing (idempotent).
    expect(seeded.created).toBe(0);
    const { tenantId } = await callerFor('13800000004');
    // (An edit above put someone on the care roster at once: decision 070.)
    await withTenant(db.owner, tenantId, (tx) => tx.execute(sql`delete from care_windows; delete from care_recipients; delete from resident_tag_links; delete from resident_links; delete from resident_consents; update cases set resident_id = null; delete from residents`));
    expect((await seedDemoResidents(db.owner, { cipher, people: 300, now: NOW })).created).toBe(300);
    const { caller } = await callerFor('13800000004');
    const all = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { cipher, pageSize: 1, now: NOW }));
    const elders = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { cipher, pageSize: 1, minAge: 60, now: NOW }));
    expect(all.total).toBe(300);
    expect(elders.total / all.total).toBeGreaterThan(0.18);
    expect(elders.total / all.total).toBeLessThan(0.35);
    const tags = await inJinyuan(tenantId, (tx) => listResidentTags(tx, caller));
    expect(tags.find((t) => t.name === '党员')!.people).toBeGreaterThan(10);
    expect(tags.find((t) => t.name === '高龄')!.people).toBeGreaterThan(5);
  });
  it('the register form is told every problem at once, each beside its field: mobile, ID number, birth date, consent, and both duplicates', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    const all = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (error) {
        if (error instanceof UseCaseError) return error.all.map((x) => [x.code, x.params.field]);
        throw error;
      }
      throw new Error('expected a refusal');
    };
    // A wrong mobile, ID number and birth date, a room too long, and no consent: five problems of one form, in one answer.
    expect(await all(inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '错三处', mobile: '1398522', idNumber: '5201151960', birth: '1960-13', room: '一二三四五六七八九十十一', consent: false }))))).toEqual([
      ['resident.mobile.invalid', 'mobile'],
      ['resident.idNumber.invalid', 'idNumber'],
      ['resident.birth.invalid', 'birth'],
      ['resident.address.tooLong', 'room'],
      ['resident.consent.required', 'consent'],
    ]);
    // A birth that contradicts the ID number and a wrong gender, beside a tag that is not the community's.
    const id = idNumber('19520404', '041');
    expect(await all(inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '不一致', idNumber: id, birth: '1953-04', gender: 'female', tagIds: ['00000000-0000-4000-8000-000000000000'] }))))).toEqual([
      ['resident.birth.mismatch', 'birth'],
      ['resident.gender.mismatch', 'gender'],
      ['resident.tags.invalid', 'tagIds'],
    ]);
    // Someone with this mobile and this ID number exists: both are said, with the field problems of the same form.
    await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '已登记', mobile: '13985220001', idNumber: id })));
    expect(await all(inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '又登记', mobile: '13985220001', idNumber: id, birth: '1960-13' }))))).toEqual([
      ['resident.birth.invalid', 'birth'],
      ['resident.duplicate.idNumber', 'idNumber'],
      ['resident.duplicate.mobile', 'mobile'],
    ]);
    // Fixed, the same person registers (a mobile knowingly shared).
    const ok = await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '又登记', mobile: '13985220001', sharedMobile: true, birth: '1960-12' })));
    expect(ok.id).toBeTruthy();
  });

  it('the import pre-check reports every problem of a row at once, duplicates too, even on a row in error', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    await inJinyuan(tenantId, (tx) => registerResident(tx, caller, person({ name: '陈在册', mobile: '13985220021' })));
    const file = await xlsx([
      ['姓名', '手机号', '性别', '出生年月', '身份证号', '楼栋', '单元', '房号', '标签'],
      ['全错了', '1398522', '不详', '1960-13', '5201151960', '99栋', '', '一二三四五六七八九十十一', '网红'],
      ['周桂芝', '13985220011', '女', '', idNumber('19450505', '022'), '3栋', '', '', ''],
      ['周桂芝', '13985220011', '女', '', idNumber('19450505', '022'), '3栋', '', '', ''],
      ['陈某', '13985220021', '男', '2090-01', '', '', '', '', ''],
    ]);
    const dry = await inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: file, fileName: 'a.xlsx', cipher, now: NOW }));
    const at = (line: number) => dry.rows.find((r) => r.line === line)!;
    const fields = (line: number) => at(line).reasons.map((r) => [r.code, r.params.field]);
    expect(at(2).status).toBe('error');
    expect(fields(2)).toEqual([
      ['resident.gender.invalid', 'gender'],
      ['resident.building.invalid', 'buildingId'],
      ['resident.tags.invalid', 'tagIds'],
      ['resident.mobile.invalid', 'mobile'],
      ['resident.idNumber.invalid', 'idNumber'],
      ['resident.birth.invalid', 'birth'],
      ['resident.address.tooLong', 'room'],
    ]);
    expect(at(3).status).toBe('ok');
    // Both numbers repeat row 3: both said.
    expect(at(4)).toMatchObject({ status: 'duplicate', reasons: [{ code: 'resident.duplicate.idNumber', params: { field: 'idNumber', line: 3 } }, { code: 'resident.duplicate.mobile', params: { field: 'mobile', line: 3 } }] });
    // A birth in the future and a mobile already in the register: the row is in error, and its duplicate is said with it.
    expect(at(5)).toMatchObject({ status: 'error', reasons: [{ code: 'resident.birth.invalid', params: { field: 'birth' } }, { code: 'resident.import.duplicateMobile', params: { field: 'mobile', inRegister: 1 } }] });
    expect(dry.counts).toEqual({ ok: 1, error: 2, duplicate: 1 });
  });

  it('the import reads a raw Excel date number as the date it stands for, and says 男 或 女 for a wrong gender (issue 16)', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    expect([rosterBirth('18172'), rosterBirth('1948-03'), rosterBirth('194803'), rosterBirth('1948')]).toEqual(['1949-10-01', '1948-03', '194803', '1948']);
    // 18172 typed as a number in a cell of General format (Excel's serial of 1949-10-01).
    const file = await xlsx([
      ['姓名', '手机号', '性别', '出生年月'],
      ['序号日', '13985227701', '女', 18172],
      ['性别未知', '13985227702', '未知', ''],
    ]);
    const done = await inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: file, fileName: 'a.xlsx', commit: true, consent: true, cipher, now: NOW }));
    expect(done.rows.map((r) => [r.line, r.status, r.reasons.map((x) => x.code)])).toEqual([
      [2, 'ok', []],
      [3, 'error', ['resident.gender.invalid']],
    ]);
    const found = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13985227701', cipher, now: NOW }));
    expect(found.rows).toMatchObject([{ birth: '1949-10-01' }]);
  });

  it('offers an import template (.xlsx: the columns and one example row) which, filled in, imports cleanly', async () => {
    const { tenantId, caller } = await callerFor('13800000004');
    const template = await inJinyuan(tenantId, (tx) => residentImportTemplate(tx, caller));
    expect(template.fileName).toBe('居民导入模板.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.bytes) as never);
    const sheet = workbook.worksheets[0]!;
    const values = (r: number) => Array.from(sheet.getRow(r).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    expect(values(1)).toEqual(ROSTER_COLUMNS.map((c) => ROSTER_TEMPLATE_HEADINGS[c]));
    expect(values(1)).toEqual(['姓名', '手机号', '性别', '出生年月', '身份证号', '楼栋', '单元', '房号', '标签']);
    const example = values(2);
    expect(example[0]).toMatch(/^（示例）/);
    expect(sheet.rowCount).toBe(2);
    expect(workbook.worksheets[1]!.name).toBe('填写说明');
    // The example alone is not a person.
    expect(await refusal(inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: template.bytes, fileName: template.fileName, cipher, now: NOW })))).toBe('resident.import.empty');

    // Filled in as an office would: the example left in place, people below it in the example's shape.
    sheet.addRow(['韦玉兰', '13985220101', '女', '1947-08', '', example[5], '2', '302', example[8]]);
    sheet.addRow(['潘志强', '', '', '', idNumber('19580909', '051'), '4号楼', '1', '101', '']);
    sheet.addRow(['吴晓燕', '13985220103', '', '1990-02-14', '', '', '', '', '']);
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
    const dry = await inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: filled, fileName: template.fileName, cipher, now: NOW }));
    expect(dry.rows.map((r) => [r.line, r.status, r.reasons])).toEqual([
      [3, 'ok', []],
      [4, 'ok', []],
      [5, 'ok', []],
    ]);
    const done = await inJinyuan(tenantId, (tx) => importResidents(tx, caller, { bytes: filled, fileName: template.fileName, commit: true, consent: true, cipher, now: NOW }));
    expect(done).toMatchObject({ imported: 3, counts: { ok: 3, error: 0, duplicate: 0 } });
    const found = await inJinyuan(tenantId, (tx) => findResidents(tx, caller, { q: '13985220101', cipher, now: NOW }));
    expect(found.rows).toMatchObject([{ nameHint: '韦**', address: `${example[5]} 2单元 302` }]);
    expect([...found.rows[0]!.tags].sort()).toEqual((example[8] ? example[8].split('、') : []).sort());
    // Only those who may import get it.
    const grid = await callerFor('13800000006');
    expect(await refusal(inJinyuan(tenantId, (tx) => residentImportTemplate(tx, grid.caller)))).toBe('forbidden');
  });
});
