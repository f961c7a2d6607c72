/**
 * Calendar boundaries in China's time (UTC+8, no daylight saving), as instants. Offices count "this year",
 * "this month" and dates typed in filters in local time, whatever the server's time zone.
 */
const OFFSET_MS = 8 * 3600 * 1000;

/**
 * The years a day typed in a form or a query string may fall in (birthdays of the oldest residents to schedules
 * far ahead). PostgreSQL's `date` takes year 1 and 9999 but a China-time bound such as 0001-01-01T00:00+08:00 is
 * out of its range ("date/time field value out of range", a 500 found from outside on /community/care/manage), and
 * no record of a community is dated outside these years anyway.
 */
export const DAY_YEAR_MIN = 1900;
export const DAY_YEAR_MAX = 2100;

/**
 * Whether a string is a real calendar date as YYYY-MM-DD (2026-02-30 and 2026-13-45 are not) in the years
 * DAY_YEAR_MIN…DAY_YEAR_MAX (0001-01-01 and 9999-12-31 are not). Never throws: dates come from query strings and
 * forms, where anything may be typed. Single argument, so it can be passed to `every` and `refine` as it is.
 */
export function isCalendarDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  if (year < DAY_YEAR_MIN || year > DAY_YEAR_MAX) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * Whether `s` is a calendar day (isCalendarDay) at most `back` days before and `ahead` days after `today`
 * (YYYY-MM-DD): for days that schedule work (a weather period, a rule's start), where a day years away is a typing
 * slip, not a plan. Never throws.
 */
export function isDayNear(s: unknown, today: string, window: { back: number; ahead: number }): s is string {
  if (!isCalendarDay(s) || !isCalendarDay(today)) return false;
  const days = (Date.parse(`${s}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days >= -window.back && days <= window.ahead;
}

/**
 * Reads a date-time as a `datetime-local` field sends it, China time (UTC+8): `YYYY-MM-DDTHH:mm` or
 * `YYYY-MM-DDTHH:mm:ss` (a space instead of the T too), or the same with a zone (`Z`, `+08:00`: an ISO instant a
 * use case is called with). The day must be a calendar day (isCalendarDay: 2026-02-30 is refused, not rolled over
 * to 2026-03-02 as `new Date` does; years DAY_YEAR_MIN…DAY_YEAR_MAX), the hour 00–23, the minute and second 00–59.
 * Output: the instant, or null for anything else (never throws: the text comes from forms). The one reader of typed
 * date-times (issue 17: an impossible shift day was accepted and shown as another day).
 */
export function parseLocalDateTime(s: unknown): Date | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s.trim());
  if (!m) return null;
  const [, day, hh, mm, ss = '00', fraction = '', zone = '+08:00'] = m;
  if (!isCalendarDay(day) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return null;
  const at = new Date(`${day}T${hh}:${mm}:${ss}${fraction}${zone}`);
  return Number.isFinite(at.getTime()) ? at : null;
}

/** Whether an instant is a real one within the years a typed day may have (DAY_YEAR_MIN…DAY_YEAR_MAX, China time). */
export function isInstantInRange(at: unknown): at is Date {
  return at instanceof Date && Number.isFinite(at.getTime()) && isCalendarDay(chinaDate(at));
}

/** 2026-11-26 (a date as typed in a form) → the instant that day starts in China. */
export function chinaDayStart(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+08:00`);
}

/** The instant the day after `isoDate` starts (an exclusive end for "up to and including"). */
export function chinaDayEnd(isoDate: string): Date {
  return new Date(chinaDayStart(isoDate).getTime() + 24 * 3600 * 1000);
}

export function chinaYearStart(now: Date): Date {
  return new Date(Date.UTC(new Date(now.getTime() + OFFSET_MS).getUTCFullYear(), 0, 1) - OFFSET_MS);
}

export function chinaMonthStart(now: Date): Date {
  const local = new Date(now.getTime() + OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - OFFSET_MS);
}

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * An instant as offices read it, in China time: `2026-03-02 09:30:00` (24-hour clock, no zone: it is always
 * UTC+8). The one format exports use for every time.
 */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A time range as people read it, China time to the minute: `2026-12-10 13:00–15:00` within one day; when the end
 * falls on another day its date is written too (`2026-12-10 22:00–12-11 02:00`, with its year when that differs too:
 * `2026-12-31 22:00–2027-01-01 02:00`), so a range of days never reads as a few hours (issue 17: a 51-day shift
 * showed as "12-10 13:00–15:00"). `withYear: false` leaves out the start's year (a phone's list): `12-10 13:00–15:00`.
 */
export function chinaTimeRange(from: Date, to: Date, withYear = true): string {
  const start = chinaDateTime(from).slice(0, 16);
  const end = chinaDateTime(to).slice(0, 16);
  const head = withYear ? start : start.slice(5);
  if (end.slice(0, 10) === start.slice(0, 10)) return `${head}–${end.slice(11)}`;
  return `${head}–${end.slice(0, 4) === start.slice(0, 4) ? end.slice(5) : end}`;
}

/**
 * Whether a string is a real calendar month as YYYY-MM (2026-13 and 😀 are not), within the years isCalendarDay
 * accepts: a month is a day's first eleven characters, so both read the same years. Never throws.
 */
export function isCalendarMonth(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}$/.test(s) && isCalendarDay(`${s}-01`);
}
