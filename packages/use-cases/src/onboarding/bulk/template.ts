import ExcelJS from 'exceljs';
import { ONBOARDING_COLUMNS } from '@shequ/domain';
import { xlsxBytes } from '../../export/xlsx.ts';

/** The example row of the templates: a community of the demo district (codes and mobiles as text). */
export const ONBOARDING_TEMPLATE_EXAMPLE = ['观山湖区', '金源街道', '示例社区', '520115001099', '张三', '13900000000', ''];

/**
 * The bulk onboarding template as an Excel workbook: the header row, one example, and the code and mobile columns
 * formatted as text (Excel's "@"), so a 12-digit code or an 11-digit mobile typed there stays as typed instead of
 * turning into 5.20115E+11 or 1.39E+10. Output: the .xlsx bytes.
 */
export async function onboardingTemplateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('批量开通');
  sheet.columns = ONBOARDING_COLUMNS.map((c) => ({
    header: c.required ? c.header : `${c.header}（选填）`,
    key: c.key,
    width: c.key === 'adminCode' || c.key === 'adminMobile' ? 18 : 14,
    style: c.key === 'adminCode' || c.key === 'adminMobile' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const example = sheet.addRow(ONBOARDING_TEMPLATE_EXAMPLE);
  for (const key of ['adminCode', 'adminMobile'] as const) example.getCell(key).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return await xlsxBytes(workbook);
}
