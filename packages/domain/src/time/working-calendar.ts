/**
 * Working time on China's official calendar: statutory holidays (off even on weekdays), adjusted working days
 * (调休: weekend days that are worked), and the office's working hours, in China time (UTC+8, no daylight saving).
 *
 * A year without a loaded calendar is never silently treated as "Monday to Friday and done": it is counted that way,
 * but every answer that touched it says `provisional`, so callers can mark the deadline and alert operators.
 */

import { isCalendarDay } from './china-time.ts';
import { normalizeTyped } from '../text/normalize.ts';

/** One year of the official calendar: dates as YYYY-MM-DD. */
export type CalendarYear = { year: number; holidays: string[]; workdays: string[] };
/** Daily working hours in China time, as minutes after midnight (09:00 → 540). */
export type WorkingHours = { startMinute: number; endMinute: number };

const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60 * 1000;
const OFFSET_MS = 8 * 3600 * 1000;

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { startMinute: 9 * 60, endMinute: 17 * 60 + 30 };

/** The State Council's notices (国办发明电〔2024〕12号 for 2025; 2025-11-04 for 2026), as shipped data. */
export const OFFICIAL_CALENDARS: CalendarYear[] = [
  {
    year: 2025,
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    holidays: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

export type CalendarProblem = 'year' | 'holidays' | 'workdays' | 'workdayNotWeekend' | 'overlap';

/** What is wrong with a calendar year as given (e.g. uploaded by an operator); empty when it is usable. */
export function checkCalendarYear(input: CalendarYear): CalendarProblem[] {
  return calendarYearProblems(input).map((p) => p.problem);
}

/**
 * What is wrong with a calendar year as given, each problem with the dates it is about (every one of them, in the
 * order given): days that are no date or not of the year (`holidays`, `workdays`), adjusted working days that are not
 * a Saturday or Sunday, days both off and worked. A year outside 2000–2100 names no dates; its days are then checked
 * only for being dates. Empty when the year is usable.
 */
export function calendarYearProblems(input: CalendarYear): { problem: CalendarProblem; dates: string[] }[] {
  const problems: { problem: CalendarProblem; dates: string[] }[] = [];
  const yearOk = Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100;
  if (!yearOk) problems.push({ problem: 'year', dates: [] });
  const valid = (d: string) => isCalendarDay(d) && (!yearOk || d.startsWith(`${input.year}-`));
  const wrong = (days: readonly string[]) => days.filter((d) => !valid(d));
  if (wrong(input.holidays).length) problems.push({ problem: 'holidays', dates: wrong(input.holidays) });
  if (wrong(input.workdays).length) problems.push({ problem: 'workdays', dates: wrong(input.workdays) });
  const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
  const weekdays = input.workdays.filter((d) => valid(d) && weekday(d) !== 0 && weekday(d) !== 6);
  if (weekdays.length) problems.push({ problem: 'workdayNotWeekend', dates: weekdays });
  const both = input.holidays.filter((d) => input.workdays.includes(d));
  if (both.length) problems.push({ problem: 'overlap', dates: both });
  return problems;
}

/** The end of a day that is worked to midnight ("all day": 00:00–24:00). */
export const END_OF_DAY_MINUTE = 24 * 60;

/**
 * Working hours as they count: an end of 23:59 means the end of the day. Offices that work "all day" type
 * 00:00–23:59 (a time field cannot show 24:00); taken literally, that loses a minute every day, so 8 working hours
 * from Friday 20:00 would end on Monday at 04:01 instead of 04:00.
 */
export function countedWorkingHours(hours: WorkingHours): WorkingHours {
  return hours.endMinute === END_OF_DAY_MINUTE - 1 ? { startMinute: hours.startMinute, endMinute: END_OF_DAY_MINUTE } : hours;
}

/**
 * A time of day as typed (H:MM or HH:MM, full-width digits and colon too: ２４：００), as minutes after midnight,
 * 0–1440 (24:00 is the end of the day); null when it is not a time of day.
 */
export function parseTimeOfDay(input: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(normalizeTyped(input).trim());
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minute <= END_OF_DAY_MINUTE ? minute : null;
}

/** A minute of the day as HH:MM (1440 → 24:00). */
export function formatTimeOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function checkWorkingHours(hours: WorkingHours): boolean {
  return Number.isInteger(hours.startMinute) && Number.isInteger(hours.endMinute) && hours.startMinute >= 0 && hours.endMinute <= 24 * 60 && hours.endMinute - hours.startMinute >= 60;
}

export type WorkingDay = Readonly<{ working: boolean; provisional: boolean }>;

export type WorkingCalendar = {
  years: ReadonlySet<number>;
  /** Whether a China-local date (YYYY-MM-DD) is a working day, and whether that answer is provisional. */
  isWorkingDay(date: string): WorkingDay;
  /** The same for a day number (whole days since 1970-01-01, China time), remembered: deadline arithmetic asks
   * this for every day it crosses, on every submission, and building date strings for it was a visible share of
   * the residents' request path. */
  workingDayNumber(day: number): WorkingDay;
};

// Day numbers asked of one calendar stay within a few years of today; the bound only guards against a caller
// walking far and wide.
const MAX_REMEMBERED_DAYS = 20_000;

export function createWorkingCalendar(years: CalendarYear[]): WorkingCalendar {
  const holidays = new Set(years.flatMap((y) => y.holidays));
  const workdays = new Set(years.flatMap((y) => y.workdays));
  const known = new Set(years.map((y) => y.year));
  const isWorkingDay = (date: string): WorkingDay => {
    const provisional = !known.has(Number(date.slice(0, 4)));
    if (holidays.has(date)) return { working: false, provisional };
    if (workdays.has(date)) return { working: true, provisional };
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return { working: dow !== 0 && dow !== 6, provisional };
  };
  const remembered = new Map<number, WorkingDay>();
  return {
    years: known,
    isWorkingDay,
    workingDayNumber(day) {
      let answer = remembered.get(day);
      if (!answer) {
        if (remembered.size >= MAX_REMEMBERED_DAYS) remembered.clear();
        answer = Object.freeze(isWorkingDay(new Date(day * DAY_MS).toISOString().slice(0, 10)));
        remembered.set(day, answer);
      }
      return answer;
    },
  };
}

/** The China-local day number of an instant and the instant its day starts. */
function localDay(t: number): { day: number; dayStart: number } {
  const day = Math.floor((t + OFFSET_MS) / DAY_MS);
  return { day, dayStart: day * DAY_MS - OFFSET_MS };
}

/** A day's working window as instants, or null when the day is not worked. */
function window(calendar: WorkingCalendar, given: WorkingHours, dayStart: number, dayNumber: number, seen: { provisional: boolean }) {
  const day = calendar.workingDayNumber(dayNumber);
  if (day.provisional) seen.provisional = true;
  const hours = countedWorkingHours(given);
  return day.working ? { open: dayStart + hours.startMinute * MINUTE_MS, close: dayStart + hours.endMinute * MINUTE_MS } : null;
}

// No deadline in this product is further than a few months of working time; the guard stops a runaway loop if
// the data were ever degenerate (a calendar with every day off).
const MAX_DAYS = 3 * 366;

/**
 * The instant at which `ms` of working time has passed since `from`. Time outside working hours, on weekends and
 * holidays does not count; counting starts at the next opening if `from` is outside working time. The answer is
 * always inside a working window (an opening, a closing, or between).
 */
export function addWorkingTime(calendar: WorkingCalendar, hours: WorkingHours, from: Date, ms: number): { at: Date; provisional: boolean } {
  const seen = { provisional: false };
  let remaining = Math.max(0, ms);
  let { day, dayStart } = localDay(from.getTime());
  let cursor = from.getTime();
  for (let i = 0; i < MAX_DAYS; i++) {
    const w = window(calendar, hours, dayStart, day, seen);
    if (w && cursor <= w.close) {
      const begin = Math.max(cursor, w.open);
      if (begin + remaining <= w.close) return { at: new Date(begin + remaining), provisional: seen.provisional };
      remaining -= w.close - begin;
    }
    day += 1;
    dayStart += DAY_MS;
    cursor = dayStart;
  }
  throw new RangeError('no working time found within three years');
}

/** Working time (ms) between two instants; 0 when `to` is not after `from`. */
export function workingTimeBetween(calendar: WorkingCalendar, hours: WorkingHours, from: Date, to: Date): { ms: number; provisional: boolean } {
  const seen = { provisional: false };
  const end = to.getTime();
  let total = 0;
  let { day, dayStart } = localDay(from.getTime());
  let cursor = from.getTime();
  while (cursor < end) {
    const w = window(calendar, hours, dayStart, day, seen);
    if (w) total += Math.max(0, Math.min(w.close, end) - Math.max(w.open, cursor));
    day += 1;
    dayStart += DAY_MS;
    cursor = dayStart;
  }
  return { ms: total, provisional: seen.provisional };
}

/** A working day's length in ms, for "N working days" (N × the working hours of a day). */
export function workingDayMs(given: WorkingHours): number {
  const hours = countedWorkingHours(given);
  return (hours.endMinute - hours.startMinute) * MINUTE_MS;
}

/** Whether an instant falls inside working time (opening and closing instants included). */
export function isWorkingTime(calendar: WorkingCalendar, hours: WorkingHours, at: Date): boolean {
  const { day, dayStart } = localDay(at.getTime());
  const w = window(calendar, hours, dayStart, day, { provisional: false });
  return Boolean(w && at.getTime() >= w.open && at.getTime() <= w.close);
}
