import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import { onboardingImports, orgUnits, SYSTEM_SCOPES, withScope, withSystem } from '@shequ/db';
import { type Actor, defineAbilityFor } from '@shequ/permissions';
import { actorScope, anonymousCaller, checkOnboardingFile, onboardingTemplateXlsx, peekInvitation, runOnboardingImport, summariseImportRows } from '../src/index.ts';
import { queueOnboardingImport } from '../src/onboarding/bulk/queue-onboarding-import.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { ONBOARDING_COLUMNS } from '@shequ/domain';
import ExcelJS from 'exceljs';
import { onboardingCsv, onboardingXlsx, sampleOnboardingRows } from '../src/testing/index.ts';
import { refusal, seededDatabase } from './support.ts';

const seeded = seededDatabase();
const actorFor = (mobile: string) => seeded.actorFor(mobile);

const cipher = createPersonalDataCipher('cd'.repeat(32));

const check = async (actor: Actor, name: string, bytes: Uint8Array) => withScope(seeded.app, actorScope(actor), (tx) => checkOnboardingFile(tx, { actor, ability: defineAbilityFor(actor) }, { name, bytes }));
const batchCount = async () => (await seeded.owner.select({ n: count() }).from(orgUnits).where(like(orgUnits.name, '批量%')))[0]!.n;

describe('bulk onboarding', () => {
  it('50 good rows and 5 bad: the dry run lists exactly the 5; the import creates 50; a second run creates none', async () => {
    const operator = await actorFor('13800000000');
    const { rows, badLines } = sampleOnboardingRows(50);
    const file = new TextEncoder().encode(onboardingCsv(rows));
    const dry = await check(operator, '第一批.csv', file);
    const problems = dry.rows.filter((r) => r.errors.length).map((r) => ({ line: r.line, reason: r.errors.join(',') }));
    expect(problems).toEqual(badLines);
    expect(summariseImportRows(dry.rows)).toEqual({ total: 55, toCreate: 50, existing: 0, invalid: 5 });
    expect(await batchCount()).toBe(0); // a dry run creates nothing

    expect(await queueOnboardingImport(seeded.app, dry.importId)).toBe(true);
    expect(await queueOnboardingImport(seeded.app, dry.importId)).toBe(false); // a second click does not queue it again
    await runOnboardingImport(seeded.app, anonymousCaller(), { cipher, importId: dry.importId });
    expect(await batchCount()).toBe(50);
    const [job] = await withSystem(seeded.owner, SYSTEM_SCOPES.maintenance, 'test', (tx) => tx.select().from(onboardingImports).where(eq(onboardingImports.id, dry.importId)));
    expect(job).toMatchObject({ status: 'done', processed: 50 });
    expect(job!.outcomes.filter((o) => o.result === 'created')).toHaveLength(50);
    // Each admin's invitation works once it is unsealed; slugs come from the names' pinyin.
    const first = job!.outcomes[0]!;
    expect(await withSystem(seeded.app, SYSTEM_SCOPES.authentication, 'test', (tx) => peekInvitation(tx, anonymousCaller(), { token: cipher.decrypt(first.invitation!) }))).toMatchObject({ hasPassword: false });
    expect(first.slug).toMatch(/^piliang\d{3}$/);

    // Running the same job again (a retried worker job) and importing the same file again create nothing.
    await runOnboardingImport(seeded.app, anonymousCaller(), { cipher, importId: dry.importId });
    const again = await check(operator, '第一批.csv', file);
    expect(summariseImportRows(again.rows)).toEqual({ total: 55, toCreate: 0, existing: 50, invalid: 5 });
    await queueOnboardingImport(seeded.app, again.importId);
    await runOnboardingImport(seeded.app, anonymousCaller(), { cipher, importId: again.importId });
    expect(await batchCount()).toBe(50);
    const [second] = await withSystem(seeded.owner, SYSTEM_SCOPES.maintenance, 'test', (tx) => tx.select().from(onboardingImports).where(eq(onboardingImports.id, again.importId)));
    expect(second!.outcomes.every((o) => o.result === 'exists')).toBe(true);
  });

  it('reads Excel (codes typed as numbers) and GB18030 CSV the same way', async () => {
    const operator = await actorFor('13800000000');
    const { rows, badLines } = sampleOnboardingRows(12, 300, '乙');
    const fromXlsx = await check(operator, '第二批.xlsx', await onboardingXlsx(rows));
    expect(fromXlsx.rows.filter((r) => r.errors.length).map((r) => r.line)).toEqual(badLines.map((b) => b.line));
    const fromGb = await check(operator, '第二批.csv', new Uint8Array(iconv.encode(onboardingCsv(rows), 'gb18030')));
    expect(fromGb.rows.map((r) => [r.community, r.adminCode, r.adminMobile, r.errors])).toEqual(fromXlsx.rows.map((r) => [r.community, r.adminCode, r.adminMobile, r.errors]));
    expect(fromGb.rows[0]!.community).toBe('批量乙300社区');
  });

  it('a CSV saved back from Excel with codes as 5.20115E+11 and mobiles as 1.39E+10 says what happened (issue 15)', async () => {
    const operator = await actorFor('13800000000');
    const file = onboardingCsv([
      ['观山湖区', '金源街道', '科学计数社区', '5.20115E+11', '张三', '1.39E+10'],
      ['观山湖区', '金源街道', '正常社区甲', '520115001777', '李四', '13900000777'],
    ]);
    const dry = await check(operator, 'excel另存.csv', new TextEncoder().encode(file));
    expect(dry.rows.map((r) => r.errors)).toEqual([['codeScientific', 'mobileScientific'], []]);
  });

  it('reads a UTF-16 tab-separated file (Excel "Unicode text") like the CSV (issue 15)', async () => {
    const operator = await actorFor('13800000000');
    const { rows } = sampleOnboardingRows(6, 500, '丙');
    const tsv = [ONBOARDING_COLUMNS.map((c) => c.header), ...rows].map((r) => r.join('\t')).join('\r\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(tsv, 'utf16le'))]);
    const fromCsv = await check(operator, '丙.csv', new TextEncoder().encode(onboardingCsv(rows)));
    const fromUtf16 = await check(operator, '丙.txt', utf16);
    expect(fromUtf16.rows.map((r) => [r.community, r.adminCode, r.adminMobile, r.errors])).toEqual(fromCsv.rows.map((r) => [r.community, r.adminCode, r.adminMobile, r.errors]));
    expect(fromUtf16.rows[0]!.community).toBe('批量丙500社区');
    // Without its byte order mark too.
    const bare = await check(operator, '丙.txt', new Uint8Array(Buffer.from(tsv, 'utf16le')));
    expect(bare.rows.map((r) => r.adminCode)).toEqual(fromCsv.rows.map((r) => r.adminCode));
  });

  it('offers the template as .xlsx with the code and mobile columns typed as text, and reads it back (issue 15)', async () => {
    const bytes = await onboardingTemplateXlsx();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    for (const key of ['adminCode', 'adminMobile'] as const) {
      const col = headers.indexOf(ONBOARDING_COLUMNS.find((c) => c.key === key)!.header) + 1;
      expect(col).toBeGreaterThan(0);
      expect(sheet.getColumn(col).numFmt).toBe('@');
      expect(sheet.getRow(2).getCell(col).numFmt).toBe('@');
      expect(typeof sheet.getRow(2).getCell(col).value).toBe('string');
    }
    const operator = await actorFor('13800000000');
    const dry = await check(operator, '模板.xlsx', bytes);
    expect(dry.rows.map((r) => [r.community, r.adminCode, r.adminMobile])).toEqual([['示例社区', '520115001099', '13900000000']]);
  });

  it('refuses unreadable files with a reason, and keeps district officers to their district', async () => {
    const operator = await actorFor('13800000000');
    expect(await refusal(check(operator, 'x.csv', new Uint8Array()))).toBe('bulkImport.empty');
    expect(await refusal(check(operator, 'x.csv', new TextEncoder().encode('名字,电话\n张三,1\n')))).toBe('bulkImport.missingColumns');
    expect(await refusal(check(operator, 'x.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])))).toBe('bulkImport.oldExcel');
    expect(await refusal(check(operator, 'x.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 9, 9])))).toBe('bulkImport.unreadable');

    const [d2] = await seeded.owner.insert(orgUnits).values({ kind: 'district', name: '外区', adminCode: '520199000000' }).returning();
    await seeded.owner.insert(orgUnits).values({ kind: 'street', name: '外区街道', parentId: d2!.id, districtId: d2!.id, adminCode: '520199001000' });
    const officer = await actorFor('13800000001');
    const file = onboardingCsv([
      ['观山湖区', '金源街道', '区内社区', '520115001555', '甲', '13700000001'],
      ['外区', '外区街道', '区外社区', '520199001001', '乙', '13700000002'],
    ]);
    const dry = await check(officer, '区级.csv', new TextEncoder().encode(file));
    expect(dry.rows.map((r) => r.errors)).toEqual([[], ['outsideScope']]);
    const staff = await actorFor('13800000005');
    expect(await refusal(check(staff, '越权.csv', new TextEncoder().encode(file)))).toBe('forbidden');
  });
});
