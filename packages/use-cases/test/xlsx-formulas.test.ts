import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('is the only writer: no product code writes a workbook itself (test fixtures under src/testing may)', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' || e.name === 'build' ? [] : e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
    // Any way exceljs writes a file: a workbook's xlsx/csv writers or the streaming WorkbookWriter; in every app too.
    const writers = [...files(join(root, 'packages/use-cases/src')), ...files(join(root, 'apps/web/app')), ...files(join(root, 'apps/worker/src'))]
      .filter((f) => /\.(xlsx|csv)\.write(Buffer|File)?\(|WorkbookWriter/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(writers).toEqual(['packages/use-cases/src/export/xlsx.ts', 'packages/use-cases/src/testing/onboarding-file.ts']);
  });
});
