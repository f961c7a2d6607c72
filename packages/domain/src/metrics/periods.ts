import { isCalendarDay } from '../time/china-time.ts';

/**
 * Reporting periods as offices name them: a month (2026-03), a quarter (2026-Q1), a year (2026) or a custom range
 * of days. Each resolves to China-time calendar days [from, to) and has a previous period of the same length
 * (the month before, the quarter before, the year before, the same number of days before).
 */
export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type DayRange = { from: string; to: string };
export type ReportPeriod = { kind: PeriodKind; value: string; range: DayRange; previous: DayRange };

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (y: number, m: number) => {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return `${yy}-${pad(mm)}-01`;
};
const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Years a report may name: the range the working calendars allow (outside it dates are nonsense, not reports). */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const yearOk = (s: string) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR;

/** The period a query names, or null when it names none (the caller then uses a default). */
export function parsePeriod(kind: string | null | undefined, value: string | null | undefined, to?: string | null): ReportPeriod | null {
  const v = (value ?? '').trim();
  if (!yearOk(v) || (kind === 'custom' && (!to || !yearOk(to)))) return null;
  switch (kind) {
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(v);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
      const [y, mo] = [Number(m[1]), Number(m[2])];
      return { kind, value: v, range: { from: monthStart(y, mo), to: monthStart(y, mo + 1) }, previous: { from: monthStart(y, mo - 1), to: monthStart(y, mo) } };
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(v);
      if (!m) return null;
      const [y, q] = [Number(m[1]), Number(m[2])];
      const first = (q - 1) * 3 + 1;
      return { kind, value: v, range: { from: monthStart(y, first), to: monthStart(y, first + 3) }, previous: { from: monthStart(y, first - 3), to: monthStart(y, first) } };
    }
    case 'year': {
      if (!/^\d{4}$/.test(v)) return null;
      const y = Number(v);
      return { kind, value: v, range: { from: `${y}-01-01`, to: `${y + 1}-01-01` }, previous: { from: `${y - 1}-01-01`, to: `${y}-01-01` } };
    }
    case 'custom': {
      // value = first day, to = last day (inclusive, as typed in a form).
      if (!isCalendarDay(v) || !isCalendarDay(to) || to < v) return null;
      const end = addDays(to, 1);
      const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${v}T00:00:00Z`)) / DAY;
      if (days > 3 * 366) return null;
      return { kind, value: `${v}~${to}`, range: { from: v, to: end }, previous: { from: addDays(v, -days), to: v } };
    }
    default:
      return null;
  }
}

/** The months a range spans (first days), for trend charts. */
export function monthsOf(range: DayRange): string[] {
  const out: string[] = [];
  const [y, first] = range.from.split('-').map(Number) as [number, number];
  for (let m = first, cur = monthStart(y, m); cur < range.to; cur = monthStart(y, ++m)) out.push(cur);
  return out;
}

/** The first day of the month after the one `day` falls in. */
export function nextMonthStart(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return monthStart(y, m + 1);
}
