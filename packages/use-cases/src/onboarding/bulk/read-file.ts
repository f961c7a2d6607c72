import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { MAX_ONBOARDING_ROWS, ONBOARDING_FILE_MAX_BYTES, mapOnboardingHeaders, missingOnboardingColumns, type OnboardingColumn, type OnboardingRecord } from '@shequ/domain';
import { UseCaseError } from '../../errors.ts';

/** The largest bulk-onboarding file taken (the domain's ONBOARDING_FILE_MAX_BYTES, 2 MB). */
export const MAX_ONBOARDING_FILE_BYTES = ONBOARDING_FILE_MAX_BYTES;

/** A row as read, with its line in the file (header = line 1) so reports point where the operator will look. */
export type ReadRecord = { line: number; record: OnboardingRecord };

/**
 * The text of a CSV or tab-separated file as offices save it from Excel: UTF-16 ("Unicode text", with its byte
 * order mark, or without one when its separators come with zero bytes), UTF-8 (with or without a BOM), and
 * otherwise GB18030, which Chinese Windows uses for "CSV".
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // Without a byte order mark: separators and line ends (tab, comma, CR, LF) sit beside a zero byte in UTF-16,
  // never in UTF-8 or GB18030, whose text has no zero bytes.
  const head = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i + 1] === 0 && [0x09, 0x0a, 0x0d, 0x2c].includes(head[i]!)) le += 1;
    if (head[i] === 0 && [0x09, 0x0a, 0x0d, 0x2c].includes(head[i + 1]!)) be += 1;
  }
  if (le >= 2 && le > be) return new TextDecoder('utf-16le').decode(bytes);
  if (be >= 2) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Tab-separated (Excel's "Unicode text" and "text" exports) when the header line has more tabs than commas. */
export function delimiterOf(text: string): ',' | '\t' {
  const header = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const tabs = header.split('\t').length - 1;
  return tabs > 0 && tabs >= header.split(',').length - 1 ? '\t' : ',';
}

type Cell = ExcelJS.CellValue;
/** The text a cell shows: numbers (codes, phone numbers typed as numbers) without exponent, rich text flattened. */
function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellText(value.result as Cell);
  return '';
}

/** The cells of the first sheet of an .xlsx, or of a CSV / tab-separated text, as text (also read by the residents’ import). */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // xlsx is a zip
  if (/\.xls$/i.test(fileName) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) throw new UseCaseError('bulkImport.oldExcel');
  if (isZip) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new UseCaseError('bulkImport.unreadable');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new UseCaseError('bulkImport.empty');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows[n - 1] = values.map((v) => cellText(v as Cell).trim());
    });
    return Array.from(rows, (r) => r ?? []);
  }
  try {
    const text = decodeText(bytes);
    // Cells are trimmed here rather than by the parser, whose trim would also eat the tabs that separate them.
    const rows = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
    return rows.map((r) => r.map((c) => c.trim()));
  } catch {
    throw new UseCaseError('bulkImport.unreadable');
  }
}

/** Reads a bulk onboarding file (CSV or tab-separated text in UTF-8, UTF-16 or GB18030, or .xlsx): the header row, then one record per non-empty row. */
export async function readOnboardingFile(bytes: Uint8Array, fileName: string): Promise<ReadRecord[]> {
  if (bytes.length === 0) throw new UseCaseError('bulkImport.empty');
  if (bytes.length > MAX_ONBOARDING_FILE_BYTES) throw new UseCaseError('bulkImport.tooLarge');
  const table = await readTable(bytes, fileName);
  const headerAt = table.findIndex((r) => r.some((c) => c));
  if (headerAt < 0) throw new UseCaseError('bulkImport.empty');
  const columns = mapOnboardingHeaders(table[headerAt]!);
  const missing = missingOnboardingColumns(columns);
  if (missing.length) throw new UseCaseError('bulkImport.missingColumns', { columns: missing.join('、') });
  const records: ReadRecord[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i] ?? [];
    if (!cells.some((c) => c)) continue;
    const record = { district: '', street: '', community: '', adminCode: '', adminName: '', adminMobile: '', slug: '' } as OnboardingRecord;
    columns.forEach((key: OnboardingColumn | null, c) => {
      if (key) record[key] = cells[c] ?? '';
    });
    records.push({ line: i + 1, record });
  }
  if (!records.length) throw new UseCaseError('bulkImport.empty');
  if (records.length > MAX_ONBOARDING_ROWS) throw new UseCaseError('bulkImport.tooManyRows', { max: MAX_ONBOARDING_ROWS });
  return records;
}
