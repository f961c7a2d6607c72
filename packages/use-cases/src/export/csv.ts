// CSV as offices open it: UTF-8 with a BOM (Excel then reads Chinese correctly), CRLF line ends, and cells that
// would start a formula (=, +, -, @) prefixed with an apostrophe so a spreadsheet never evaluates them.
function cell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(guarded) || guarded !== value ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(rows: string[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A database value as CSV text: ISO times, JSON for structures, empty for null. */
export function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
