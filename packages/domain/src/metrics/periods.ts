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

/** Why a named period cannot be read (each has its message on the dashboards). */
export const PERIOD_REFUSALS = ['kind', 'month', 'quarter', 'year', 'day', 'order', 'tooLong', 'outOfRange'] as const;
export type PeriodRefusal = (typeof PERIOD_REFUSALS)[number];
export type PeriodReading = { ok: true; period: ReportPeriod } | { ok: false; reason: PeriodRefusal };

/**
 * Reads a period as a query names it: kind `month` with `2026-03`, `quarter` with `2026-Q1`, `year` with `2026`,
 * `custom` with first and last day (inclusive, as typed). A value that does not fit its kind is refused with the
 * reason (a year under 月, `2026-13`, an impossible date, a range backwards or over three years, a year outside
 * 2000–2100), never read as some other period.
 */
export function readPeriod(kind: string | null | undefined, value: string | null | undefined, to?: string | null): PeriodReading {
  const v = (value ?? '').trim();
  const refuse = (reason: PeriodRefusal): PeriodReading => ({ ok: false, reason });
  const ok = (period: ReportPeriod): PeriodReading => ({ ok: true, period });
  switch (kind) {
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(v);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return refuse('month');
      if (!yearOk(v)) return refuse('outOfRange');
      const [y, mo] = [Number(m[1]), Number(m[2])];
      return ok({ kind, value: v, range: { from: monthStart(y, mo), to: monthStart(y, mo + 1) }, previous: { from: monthStart(y, mo - 1), to: monthStart(y, mo) } });
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(v);
      if (!m) return refuse('quarter');
      if (!yearOk(v)) return refuse('outOfRange');
      const [y, q] = [Number(m[1]), Number(m[2])];
      const first = (q - 1) * 3 + 1;
      return ok({ kind, value: v, range: { from: monthStart(y, first), to: monthStart(y, first + 3) }, previous: { from: monthStart(y, first - 3), to: monthStart(y, first) } });
    }
    case 'year': {
      if (!/^\d{4}$/.test(v)) return refuse('year');
      if (!yearOk(v)) return refuse('outOfRange');
      const y = Number(v);
      return ok({ kind, value: v, range: { from: `${y}-01-01`, to: `${y + 1}-01-01` }, previous: { from: `${y - 1}-01-01`, to: `${y}-01-01` } });
    }
    case 'custom': {
      // value = first day, to = last day (inclusive, as typed in a form).
      const last = (to ?? '').trim();
      const shaped = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
      if (!shaped(v) || !shaped(last)) return refuse('day');
      if (!yearOk(v) || !yearOk(last)) return refuse('outOfRange');
      if (!isCalendarDay(v) || !isCalendarDay(last)) return refuse('day');
      if (last < v) return refuse('order');
      const end = addDays(last, 1);
      const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${v}T00:00:00Z`)) / DAY;
      if (days > 3 * 366) return refuse('tooLong');
      return ok({ kind, value: `${v}~${last}`, range: { from: v, to: end }, previous: { from: addDays(v, -days), to: v } });
    }
    default:
      return refuse('kind');
  }
}

/** The period a query names, or null when it cannot be read (see readPeriod for why). */
export function parsePeriod(kind: string | null | undefined, value: string | null | undefined, to?: string | null): ReportPeriod | null {
  const reading = readPeriod(kind, value, to);
  return reading.ok ? reading.period : null;
}

/** The last day a range covers: ranges run to the day after (exclusive); people read the last day (inclusive). */
export function lastDayOf(range: DayRange): string {
  return addDays(range.to, -1);
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
