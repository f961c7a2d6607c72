/**
 * Calendar boundaries in China's time (UTC+8, no daylight saving), as instants. Offices count "this year",
 * "this month" and dates typed in filters in local time, whatever the server's time zone.
 */
const OFFSET_MS = 8 * 3600 * 1000;

/**
 * Whether a string is a real calendar date as YYYY-MM-DD (2026-02-30 and 2026-13-45 are not). Never throws: dates
 * come from query strings and forms, where anything may be typed.
 */
export function isCalendarDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
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
