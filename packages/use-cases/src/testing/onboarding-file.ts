import ExcelJS from 'exceljs';
import { ONBOARDING_COLUMNS } from '@shequ/domain';

// Test files for bulk onboarding (used by integration and browser tests): streets of the demo data's 观山湖区.

export type SampleRow = string[];
const STREETS = [
  { name: '金源街道', code: '520115001' },
  { name: '世纪城街道', code: '520115002' },
  { name: '长岭街道', code: '520115003' },
];

/**
 * `good` rows that import cleanly (community codes from `firstCode` upward, spread over three streets) and five
 * bad rows, one per kind of problem, placed among them. Returns the rows and, for each bad row, its line in the file.
 */
export function sampleOnboardingRows(good: number, firstCode = 100, tag = '') {
  const rows: SampleRow[] = [];
  for (let i = 0; i < good; i++) {
    const street = STREETS[i % STREETS.length]!;
    const n = String(firstCode + i).padStart(3, '0');
    rows.push(['观山湖区', street.name, `批量${tag}${n}社区`, `${street.code}${n}`, `管理员${n}`, `139${String(firstCode + i).padStart(8, '0')}`]);
  }
  const bad: { row: SampleRow; reason: string }[] = [
    { row: ['观山湖区', '金源街道', `坏代码${tag}社区`, '52011500100', '王五', '13912345678'], reason: 'codeInvalid' },
    { row: ['观山湖区', '金源街道', `重码${tag}社区`, '520115001001', '赵六', '13912345679'], reason: 'codeTaken' },
    { row: ['观山湖区', '不存在街道', `无街道${tag}社区`, '520115009001', '钱七', '13912345680'], reason: 'streetUnknown' },
    { row: ['观山湖区', '长岭街道', `坏号码${tag}社区`, `520115003${String(firstCode + good + 1).padStart(3, '0')}`, '孙八', '1234567'], reason: 'mobileInvalid' },
    { row: ['观山湖区', '世纪城街道', `短网址${tag}社区`, `520115002${String(firstCode + good + 2).padStart(3, '0')}`, '周九', '13912345681', 'jinyuan'], reason: 'slugTaken' },
  ];
  const all = [...rows];
  const badLines: { line: number; reason: string }[] = [];
  bad.forEach((b, k) => {
    const at = Math.min(all.length, (k + 1) * Math.floor(good / 6));
    all.splice(at, 0, b.row);
  });
  all.forEach((r, i) => {
    const b = bad.find((x) => x.row === r);
    if (b) badLines.push({ line: i + 2, reason: b.reason });
  });
  return { rows: all, badLines };
}

export const ONBOARDING_HEADER = ONBOARDING_COLUMNS.map((c) => c.header);

export function onboardingCsv(rows: SampleRow[]): string {
  return [ONBOARDING_HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

/** The same rows as an .xlsx workbook; codes and mobile numbers as numbers, the way Excel users type them. */
export async function onboardingXlsx(rows: SampleRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('社区');
  sheet.addRow(ONBOARDING_HEADER);
  for (const r of rows) sheet.addRow(r.map((v, i) => ((i === 3 || i === 5) && /^\d+$/.test(v) ? Number(v) : v)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
