import ExcelJS from 'exceljs';
import { PARTNER_FILE_MAX_BYTES, ROSTER_EXAMPLE_MARK } from '@shequ/domain';
import { count, eq } from 'drizzle-orm';
import { partnerUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../caller.ts';
import { communityOf } from './shared.ts';
import { xlsxBytes } from '../export/xlsx.ts';

/** The template's columns, in order: the headings importPartnerUnits reads, how each is filled in, an example. */
const COLUMNS = [
  { heading: '单位名称', how: '必填。最多 100 个字。已登记的同名单位会被标为重复。', example: `${ROSTER_EXAMPLE_MARK}金元便民理发店`, width: 28 },
  { heading: '类型', how: '必填。企业、事业单位、社会组织、个体工商户、单位党组织 之一（“个体户”“机关事业单位”“党组织”也可识别）。', example: '个体工商户', width: 14 },
  { heading: '地址', how: '选填。最多 200 个字。', example: '金元路 8 号', width: 24 },
  { heading: '联系人', how: '选填。最多 40 个字；加密保存，页面上只显示姓氏。', example: '罗师傅', width: 10 },
  { heading: '联系电话', how: '选填。中国大陆 11 位手机号；加密保存，页面上只显示前三后四位。', example: '13900000000', width: 14, text: true },
  { heading: '可提供服务', how: '选填。最多 500 个字，如：每月第二个周六为老人义剪。', example: '每月第二个周六为老人义剪', width: 28 },
  { heading: '加入日期', how: '选填。年-月-日，如 2024-03-01（2024/3/1 也可）。', example: '2024-03-01', width: 12, text: true },
  { heading: '退出日期', how: '选填。年-月-日，不能早于加入日期；仍是成员则留空。', example: '', width: 12, text: true },
  { heading: '报到党员数', how: '选填。单位在职党员到本社区报到的人数，0 到 10000 的整数；留空为 0。', example: '1', width: 12 },
] as const;

/**
 * The partner units' import template (issue 18, as the residents' one: decision 049): an Excel workbook with sheet
 * 共建单位 holding the columns importPartnerUnits reads and one example row — its 单位名称 begins with （示例）, so
 * the import skips it whether the office leaves it or deletes it — the mobile and date columns formatted as text (an
 * 11-digit number and 2024-03-01 stay as typed); sheet 填写说明 says how each column is filled in.
 * Input: none besides the caller. Output: `{ fileName, bytes }` (.xlsx); 填写说明 also says how many units are registered.
 * Refuses: forbidden (only those who may import partner units: the same check as importPartnerUnits).
 */
export async function partnerImportTemplate(tx: Tx, caller: StaffCaller): Promise<{ fileName: string; bytes: Uint8Array }> {
  const tenantId = communityOf(caller);
  assertCan(caller.ability, 'create', subject('PartnerUnit', { tenantId }));
  const [registered] = await tx.select({ n: count() }).from(partnerUnits).where(eq(partnerUnits.tenantId, tenantId));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('共建单位');
  sheet.columns = COLUMNS.map((c, i) => ({ header: c.heading, key: `c${i}`, width: c.width, style: 'text' in c ? { numFmt: '@' } : {} }));
  sheet.getRow(1).font = { bold: true };
  const row = sheet.addRow(Object.fromEntries(COLUMNS.map((c, i) => [`c${i}`, c.example])));
  row.font = { color: { argb: 'FF64748B' }, italic: true };
  COLUMNS.forEach((c, i) => {
    if ('text' in c) row.getCell(i + 1).numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'column', width: 12 },
    { header: '怎么填', key: 'how', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of COLUMNS) help.addRow({ column: c.heading, how: c.how });
  help.addRow({});
  help.addRow({ column: '示例行', how: `“共建单位”第 2 行是示例，单位名称以“${ROSTER_EXAMPLE_MARK}”开头，导入时跳过，可保留或删除。从第 3 行起每行一家单位，最多 2000 行，文件不超过 ${PARTNER_FILE_MAX_BYTES / 1024 / 1024} MB。` });
  help.addRow({ column: '导入', how: '先“预检查”（不写入）：每一行的所有问题会一并列出；改好后再“导入”，只写入检查通过的行。' });
  help.addRow({ column: '已登记', how: `本社区已登记 ${registered?.n ?? 0} 家共建单位；与已登记单位同名的行会被标为重复，不会重复写入。` });
  help.getColumn('how').alignment = { wrapText: true, vertical: 'top' };

  return { fileName: '共建单位导入模板.xlsx', bytes: await xlsxBytes(workbook) };
}
