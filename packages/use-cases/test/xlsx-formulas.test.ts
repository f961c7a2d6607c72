import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { xlsxBytes } from '../src/export/xlsx.ts';

// Issue 18 (outside tester): a partner unit named =HYPERLINK("http://evil","x") was written into the committee's
// Excel as it was typed. Every Excel file the product writes goes through xlsxBytes, which neutralises such cells.
describe('xlsxBytes', () => {
  it('writes every formula-like text cell as text with a leading apostrophe, and leaves numbers and plain text alone', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('s');
    const typed = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '金元社区', 'a=b'];
    for (const t of typed) sheet.addRow([t, 42, -5]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await xlsxBytes(wb)) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    back.getWorksheet('s')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // (XML reads a carriage return back as a line feed; what matters is the apostrophe in front.)
    expect(rows.map((r) => String(r[0]).replace(/\r?\n/, '\r'))).toEqual([`'=HYPERLINK("http://evil","x")`, `'+1+1`, `'-2+3`, `'@SUM(A1)`, `'\t=1+1`, `'\r=1+1`, '金元社区', 'a=b']);
    expect(rows.every((r) => r[1] === 42 && r[2] === -5)).toBe(true);
    back.getWorksheet('s')!.eachRow((row) => expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String));
  });
});
