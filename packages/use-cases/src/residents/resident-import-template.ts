import ExcelJS from 'exceljs';
import { and, asc, eq } from 'drizzle-orm';
import { buildings, residentTags, type Tx } from '@shequ/db';
import { idCardCheckChar, MAX_ROSTER_ROWS, RESIDENT_NAME_MAX, ROSTER_COLUMNS, ROSTER_EXAMPLE_MARK, ROSTER_TEMPLATE_HEADINGS, type RosterColumn, UNIT_ROOM_MAX } from '@shequ/domain';
import { assertCan } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf, residentSubject } from './person.ts';
import { xlsxBytes } from '../export/xlsx.ts';

/** Columns typed as text in Excel ("@"), so an 11-digit mobile, an 18-digit ID number or 1948-03 stay as typed. */
const TEXT_COLUMNS: readonly RosterColumn[] = ['mobile', 'birth', 'idNumber', 'unit', 'room'];

/** How each column is filled in (the template's second sheet). */
const HOW: Record<RosterColumn, string> = {
  name: `必填。最多 ${RESIDENT_NAME_MAX} 个字。`,
  mobile: '选填。中国大陆 11 位手机号。同一手机号已在档案中（或在表中出现两次）会被标为重复。',
  gender: '选填。男 或 女。填了身份证号可不填，由身份证号得出。',
  birth: '选填。年-月（1948-03）或年-月-日（1948-03-12）。填了身份证号可不填，须与身份证号一致。',
  idNumber: '选填。18 位居民身份证号，最后一位可为 X。',
  building: '选填。本社区的楼栋（见下方），写 3、3号楼 或 3栋 均可。',
  unit: `选填。最多 ${UNIT_ROOM_MAX} 个字。`,
  room: `选填。最多 ${UNIT_ROOM_MAX} 个字。`,
  tags: '选填。本社区的标签（见下方），多个用顿号分隔，如 独居、高龄。',
};

/**
 * The residents' import template (issue 16) as an Excel workbook for the caller's community: sheet 居民名单 with
 * the columns importResidents reads (ROSTER_TEMPLATE_HEADINGS, in order) and one example row — its 姓名 begins with
 * （示例）, so importResidents skips it whether the office leaves it or deletes it — built from the community's own
 * first building and tags so it reads as a real row; mobile, birth, ID number, unit and room columns formatted as
 * text. Sheet 填写说明 says how each column is filled in and lists the community's buildings and tags.
 *
 * Input: none besides the caller. Output: `{ fileName, bytes }` (.xlsx).
 * Refuses: forbidden (only those who may import: the office, not grid workers — the same check as importResidents).
 */
export async function residentImportTemplate(tx: Tx, caller: StaffCaller): Promise<{ fileName: string; bytes: Uint8Array }> {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'create', residentSubject(tenantId, null));
  const buildingNames = (await tx.select({ name: buildings.name }).from(buildings).where(eq(buildings.tenantId, tenantId)).orderBy(asc(buildings.name))).map((b) => b.name);
  const tagNames = (
    await tx
      .select({ name: residentTags.name })
      .from(residentTags)
      .where(and(eq(residentTags.tenantId, tenantId), eq(residentTags.active, true)))
      .orderBy(asc(residentTags.sortOrder), asc(residentTags.name))
  ).map((t) => t.name);

  const first17 = '52011519480312002';
  const example: Record<RosterColumn, string> = {
    name: `${ROSTER_EXAMPLE_MARK}王秀英`,
    mobile: '13900000000',
    gender: '女',
    birth: '1948-03',
    idNumber: first17 + idCardCheckChar(first17),
    building: buildingNames[0] ?? '',
    unit: '1',
    room: '101',
    tags: tagNames.slice(0, 2).join('、'),
  };

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('居民名单');
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: ROSTER_TEMPLATE_HEADINGS[c],
    key: c,
    width: c === 'idNumber' ? 22 : c === 'tags' ? 20 : c === 'mobile' ? 14 : 10,
    style: TEXT_COLUMNS.includes(c) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const row = sheet.addRow(example);
  row.font = { color: { argb: 'FF64748B' }, italic: true };
  for (const c of TEXT_COLUMNS) row.getCell(c).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'column', width: 12 },
    { header: '怎么填', key: 'how', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of ROSTER_COLUMNS) help.addRow({ column: ROSTER_TEMPLATE_HEADINGS[c], how: HOW[c] });
  help.addRow({});
  help.addRow({ column: '示例行', how: `“居民名单”第 2 行是示例，姓名以“${ROSTER_EXAMPLE_MARK}”开头，导入时跳过，可保留或删除。从第 3 行起每行一人，最多 ${MAX_ROSTER_ROWS} 行。` });
  help.addRow({ column: '本社区楼栋', how: buildingNames.join('、') || '（尚未设置楼栋）' });
  help.addRow({ column: '本社区标签', how: tagNames.join('、') || '（尚未设置标签）' });
  help.getColumn('how').alignment = { wrapText: true, vertical: 'top' };

  return { fileName: '居民导入模板.xlsx', bytes: await xlsxBytes(workbook) };
}
