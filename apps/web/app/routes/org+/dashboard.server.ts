import ExcelJS from 'exceljs';
import { data } from '@remix-run/node';
import { chinaDate, chinaDateTime, lastDayOf, type MetricKey, METRIC_KEYS, type Metrics, parsePeriod, type PeriodRefusal, RATE_METRICS, readPeriod, type ReportPeriod, TIME_BUCKETS_H } from '@shequ/domain';
import { resources } from '@shequ/i18n';
import type { ComparisonFilter } from '@shequ/use-cases';
import { toCsv } from '@shequ/use-cases/csv';
import { isUuid } from '@shequ/db';
import { xlsxBytes } from '@shequ/use-cases/xlsx';

const words = resources['zh-CN'].translation.dashboard;

/** A period a dashboard URL named but that cannot be read: what was asked (kept, to show back) and why not. */
export type RefusedPeriod = { reason: PeriodRefusal; kind: string; value: string; to: string };
export type PeriodChoice = { ok: true; period: ReportPeriod } | ({ ok: false } & RefusedPeriod);

/**
 * The period a dashboard URL asks for: this year when it names none; a period that cannot be read (a year under
 * 月, `2026-13`, a backwards range) is refused with its reason, never replaced by another (issue 15).
 */
export function periodFromUrl(url: URL, now = new Date()): PeriodChoice {
  const q = url.searchParams;
  const [kind, value, to] = [q.get('kind') ?? '', q.get('value') ?? '', q.get('to') ?? ''];
  if (!kind && !value && !to) return { ok: true, period: parsePeriod('year', chinaDate(now).slice(0, 4))! };
  const reading = readPeriod(kind, value, to);
  // What was typed goes back as typed (bounded: it is shown in the message).
  return reading.ok ? reading : { ok: false, reason: reading.reason, kind: kind.slice(0, 20), value: value.slice(0, 40), to: to.slice(0, 40) };
}

/** The message for a refused period, as the page shows it (Chinese, as every export speaks). */
export function refusedPeriodMessage(refused: RefusedPeriod): string {
  return interpolate(words.periodErrors[refused.reason], { value: refused.value, to: refused.to });
}
const interpolate = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

/**
 * For a page loader: the period, or a 400 answer carrying the refusal for the page to show (its picker keeps what
 * was typed; no figures of another period are shown instead).
 */
export function pageRefusal<E extends Record<string, unknown>>(choice: Extract<PeriodChoice, { ok: false }>, extra: E) {
  const { ok: _ok, ...refused } = choice;
  return data({ refused, today: chinaDate(new Date()), ...extra }, { status: 400 });
}

/** For an export: a plain 400 with the message, instead of a file of some other period. */
export function exportRefusal(choice: Extract<PeriodChoice, { ok: false }>): Response {
  return new Response(refusedPeriodMessage(choice), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } });
}

/** A period as people read it: its first and its last day (ranges are stored with the day after as their end). */
export function periodLabel(period: Pick<ReportPeriod, 'range'>): string {
  return `${period.range.from} 至 ${lastDayOf(period.range)}`;
}

/** A district's narrowing of its comparison: `street` (one of its streets' ids) and `active=1` (communities with cases only). */
export function comparisonFilterFromUrl(url: URL): ComparisonFilter {
  const street = url.searchParams.get('street');
  return { streetId: street && isUuid(street) ? street : null, withCasesOnly: url.searchParams.get('active') === '1' };
}

export function sortFromUrl(url: URL): MetricKey {
  const s = url.searchParams.get('sort');
  return (METRIC_KEYS as readonly string[]).includes(s ?? '') ? (s as MetricKey) : 'score';
}

const isRate = (k: MetricKey) => RATE_METRICS.includes(k);
const TIME_KEYS: readonly MetricKey[] = ['avgAcceptHours', 'medianAcceptHours', 'avgCloseHours', 'medianCloseHours'];
const isMedian = (k: MetricKey) => k === 'medianAcceptHours' || k === 'medianCloseHours';
/** The highest band of the time histograms (hours): medians beyond it are "more than" it. */
const TOP_BAND_H = TIME_BUCKETS_H[TIME_BUCKETS_H.length - 2]!;

export type ExportRow = { name: string; street?: string; rank?: number | null; metrics: Metrics };
/**
 * A table of figures to export: communities (ranked, with their street) or a community's categories, its total,
 * and the period it covers.
 */
export type FiguresExport = { title: string; period: Pick<ReportPeriod, 'range'>; rowsAre: 'community' | 'category'; rows: ExportRow[]; total: Metrics; exportedAt?: Date };

/** Column headers: what the rows are, then every figure (times say they are working time). */
function headers(table: FiguresExport): string[] {
  const figures = METRIC_KEYS.map((k) => (TIME_KEYS.includes(k) ? `${words.metrics[k]}（工作时间）` : words.metrics[k]));
  return table.rowsAre === 'community' ? [words.rank, words.community, words.street, ...figures] : [words.category, ...figures];
}

/** A figure as text, as the page shows it: rates in %, times with their unit, medians as their band, "—" for none. */
export function metricText(m: Metrics, k: MetricKey): string {
  const v = m[k];
  if (v === null) return '—';
  if (isRate(k)) return `${(v * 100).toFixed(1)}%`;
  if (isMedian(k)) return Number.isFinite(v) ? `≤ ${v} 小时` : `> ${TOP_BAND_H} 小时`;
  if (TIME_KEYS.includes(k)) return `${v.toFixed(1)} 小时`;
  if (k === 'score') return v.toFixed(1);
  return String(v);
}

/**
 * The figures as an Excel workbook: Chinese headers, numbers as numbers, shown as the page shows them (rates as
 * percentages, times in hours with their unit); medians, being bands, as text.
 */
export async function figuresXlsx(table: FiguresExport): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '社区治理云';
  const sheet = workbook.addWorksheet(table.rowsAre === 'community' ? '社区比较' : '按类别');
  sheet.addRow([`${table.title}（${periodLabel(table.period)}）· 导出于 ${chinaDateTime(table.exportedAt ?? new Date())}（北京时间）`]);
  sheet.addRow(headers(table)).font = { bold: true };
  const cells = (m: Metrics) => METRIC_KEYS.map((k) => (m[k] === null ? null : isMedian(k) ? metricText(m, k) : k === 'score' || TIME_KEYS.includes(k) ? Math.round(m[k]! * 10) / 10 : m[k]));
  const lead = (r: ExportRow) => (table.rowsAre === 'community' ? [r.rank ?? null, r.name, r.street ?? ''] : [r.name]);
  for (const r of table.rows) sheet.addRow([...lead(r), ...cells(r.metrics)]);
  sheet.addRow([...(table.rowsAre === 'community' ? [null, words.total, ''] : [words.total]), ...cells(table.total)]).font = { bold: true };
  const first = table.rowsAre === 'community' ? 4 : 2;
  METRIC_KEYS.forEach((k, i) => {
    const column = sheet.getColumn(first + i);
    column.width = TIME_KEYS.includes(k) ? 18 : 14;
    if (isRate(k)) column.numFmt = '0.0%';
    else if (isMedian(k)) column.alignment = { horizontal: 'right' };
    else if (TIME_KEYS.includes(k)) column.numFmt = '0.0" 小时"';
    else if (k === 'score') column.numFmt = '0.0';
    else column.numFmt = '0';
  });
  sheet.getColumn(table.rowsAre === 'community' ? 2 : 1).width = 18;
  if (table.rowsAre === 'community') sheet.getColumn(3).width = 14;
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: table.rowsAre === 'community' ? 2 : 1 }];
  return await xlsxBytes(workbook);
}

/** The figures as CSV: the same headers, every figure as text with its unit (83.3%, 12.5 小时, ≤ 2 小时). */
export function figuresCsv(table: FiguresExport): string {
  const lead = (r: ExportRow) => (table.rowsAre === 'community' ? [r.rank === null || r.rank === undefined ? '' : String(r.rank), r.name, r.street ?? ''] : [r.name]);
  return toCsv([
    headers(table),
    ...table.rows.map((r) => [...lead(r), ...METRIC_KEYS.map((k) => metricText(r.metrics, k))]),
    [...(table.rowsAre === 'community' ? ['', words.total, ''] : [words.total]), ...METRIC_KEYS.map((k) => metricText(table.total, k))],
  ]);
}


