import { chinaDateTime } from '@shequ/domain';

// CSV as offices open it: UTF-8 with a BOM (Excel then reads Chinese correctly), CRLF line ends, and cells that
// would start a formula (=, +, -, @) prefixed with an apostrophe so a spreadsheet never evaluates them.
/** A text that a spreadsheet would read as a formula (or that hides one behind a tab or carriage return). */
export const FORMULA_LIKE = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const guarded = FORMULA_LIKE.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(guarded) || guarded !== value ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(rows: string[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

// A time as PostgreSQL writes a timestamptz in text (what raw queries return): 2026-03-02 01:30:00.123+00.
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * A time in an export, whichever way it arrived (a Date from a typed query, or PostgreSQL's text from a raw one),
 * in China time and one format (`2026-03-02 09:30:00`), also inside arrays and plain objects; anything else is
 * returned as it is.
 */
export function exportTime(value: unknown): unknown {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? chinaDateTime(value) : value;
  if (typeof value === 'string' && PG_TIMESTAMPTZ.test(value)) {
    const at = new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
    return Number.isFinite(at.getTime()) ? chinaDateTime(at) : value;
  }
  // Times inside structures too (an event's data, a list of reminder times).
  if (Array.isArray(value)) return value.map(exportTime);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exportTime(v)]));
  }
  return value;
}

/** A database value as CSV text: times in China time (exportTime), JSON for structures, empty for null. */
export function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const v = exportTime(value);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
