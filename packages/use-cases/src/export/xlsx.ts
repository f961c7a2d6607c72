import type ExcelJS from 'exceljs';
import { FORMULA_LIKE } from './csv.ts';

/**
 * Neutralises every formula-like text cell of a workbook: a string starting with =, +, -, @, a tab or a carriage
 * return gets a leading apostrophe, as the CSV export does (src/export/csv.ts), so a value a person typed — a partner
 * unit named =HYPERLINK(…) — is shown as text and never evaluated. Cells that are real numbers, dates or formulas the
 * product itself wrote are left alone.
 */
export function neutraliseFormulas(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === 'string' && FORMULA_LIKE.test(cell.value)) cell.value = `'${cell.value}`;
      });
    });
  });
}

/**
 * The one way the product writes an Excel file. Input: a built workbook. Output: its .xlsx bytes, with every
 * formula-like text cell neutralised first (neutraliseFormulas).
 */
export async function xlsxBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  neutraliseFormulas(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
