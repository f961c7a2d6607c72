import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingTime,
  checkCalendarYear,
  createWorkingCalendar,
  DEFAULT_WORKING_HOURS,
  formatTimeOfDay,
  parseTimeOfDay,
  isWorkingTime,
  OFFICIAL_CALENDARS,
  workingDayMs,
  workingTimeBetween,
} from '../src/index.ts';

const calendar = createWorkingCalendar(OFFICIAL_CALENDARS);
const hours = DEFAULT_WORKING_HOURS;
const H = 3600 * 1000;
const at = (local: string) => new Date(`${local}+08:00`);
const add = (from: string, ms: number) => addWorkingTime(calendar, hours, at(from), ms);

describe('the official calendars', () => {
  it('know 2026’s holidays and adjusted working days', () => {
    expect(calendar.isWorkingDay('2026-02-16')).toEqual({ working: false, provisional: false }); // Spring Festival, a Monday
    expect(calendar.isWorkingDay('2026-02-14')).toEqual({ working: true, provisional: false }); // adjusted Saturday
    expect(calendar.isWorkingDay('2026-02-28')).toEqual({ working: true, provisional: false });
    expect(calendar.isWorkingDay('2026-10-10')).toEqual({ working: true, provisional: false });
    expect(calendar.isWorkingDay('2026-10-11')).toEqual({ working: false, provisional: false }); // plain Sunday
    expect(calendar.isWorkingDay('2026-06-19')).toEqual({ working: false, provisional: false }); // Dragon Boat, a Friday
    expect(calendar.isWorkingDay('2025-01-26')).toEqual({ working: true, provisional: false }); // adjusted Sunday 2025
  });

  it('count an unknown year Monday to Friday, and say so', () => {
    expect(calendar.isWorkingDay('2027-01-04')).toEqual({ working: true, provisional: true });
    expect(calendar.isWorkingDay('2027-01-02')).toEqual({ working: false, provisional: true });
  });

  it('answer the same by day number as by date, for every day from 2024 to 2027', () => {
    const fresh = createWorkingCalendar(OFFICIAL_CALENDARS);
    const first = Date.UTC(2024, 11, 1) / (24 * H);
    let holidays = 0;
    for (let day = first; day < first + 800; day++) {
      const date = new Date(day * 24 * H).toISOString().slice(0, 10);
      expect(fresh.workingDayNumber(day), date).toEqual(fresh.isWorkingDay(date));
      if (!fresh.workingDayNumber(day).working && ![0, 6].includes(new Date(day * 24 * H).getUTCDay())) holidays++;
    }
    expect(holidays).toBeGreaterThan(20); // the range crosses two years of statutory holidays on weekdays
    // Anchored to named dates, not to the conversion above: a day number off by one would fail here.
    const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / (24 * H);
    expect(fresh.workingDayNumber(dayOf(2026, 2, 16))).toEqual({ working: false, provisional: false }); // Spring Festival, a Monday
    expect(fresh.workingDayNumber(dayOf(2026, 2, 14))).toEqual({ working: true, provisional: false }); // adjusted Saturday
    expect(fresh.workingDayNumber(dayOf(2026, 2, 15))).toEqual({ working: false, provisional: false }); // the holiday's first day
    expect(fresh.workingDayNumber(dayOf(2026, 2, 24))).toEqual({ working: true, provisional: false }); // the first day back
    expect(fresh.workingDayNumber(dayOf(2027, 1, 4))).toEqual({ working: true, provisional: true }); // a year not loaded
    expect(fresh.workingDayNumber(first + 3)).toBe(fresh.workingDayNumber(first + 3)); // remembered, not rebuilt
  });

  it('check an uploaded year', () => {
    expect(checkCalendarYear(OFFICIAL_CALENDARS[1]!)).toEqual([]);
    expect(checkCalendarYear({ year: 2027, holidays: ['2027-02-30'], workdays: ['2027-01-04'] })).toEqual(['holidays', 'workdayNotWeekend']);
    expect(checkCalendarYear({ year: 2027, holidays: ['2026-10-01'], workdays: [] })).toEqual(['holidays']);
  });
});

describe('adding working time', () => {
  it('crosses the Spring Festival, working the adjusted Saturday before it', () => {
    // Friday 17:00: half an hour that day, then 7.5 hours on Saturday 2月14 (worked).
    expect(add('2026-02-13T17:00:00', 8 * H)).toEqual({ at: at('2026-02-14T16:30:00'), provisional: false });
    // Five working days from Friday 10:00 skip 2月15–23 entirely.
    expect(add('2026-02-13T10:00:00', 5 * workingDayMs(hours)).at).toEqual(at('2026-02-27T10:00:00'));
  });

  it('moves past the closing time to the next working morning', () => {
    expect(add('2026-04-02T17:29:00', 2 * 60 * 1000).at).toEqual(at('2026-04-03T09:01:00'));
    // Friday 4月3 17:00 + 1 h: 4月4–6 are the Qingming holiday, so Tuesday.
    expect(add('2026-04-03T17:00:00', H).at).toEqual(at('2026-04-07T09:30:00'));
  });

  it('starts counting at the next opening when started on a holiday or at night', () => {
    expect(add('2026-10-03T11:00:00', H).at).toEqual(at('2026-10-08T10:00:00'));
    expect(add('2026-03-02T02:00:00', H).at).toEqual(at('2026-03-02T10:00:00'));
    expect(add('2026-03-02T02:00:00', 0).at).toEqual(at('2026-03-02T09:00:00'));
  });

  it('works an adjusted Saturday and skips the Sunday after it', () => {
    expect(add('2026-10-10T17:00:00', H).at).toEqual(at('2026-10-12T09:30:00'));
  });

  it('lands exactly on the closing time when the time runs out then', () => {
    expect(add('2026-03-02T09:00:00', workingDayMs(hours)).at).toEqual(at('2026-03-02T17:30:00'));
  });

  it('marks a deadline that runs into a year without a calendar as provisional', () => {
    expect(add('2026-12-31T17:00:00', H)).toEqual({ at: at('2027-01-01T09:30:00'), provisional: true });
    expect(add('2026-12-30T10:00:00', H).provisional).toBe(false);
  });
});

describe('working "all day" (issue 15)', () => {
  const iso = (d: Date) => d.toISOString();
  it('an end of 24:00 and an end of 23:59 both work to midnight: 8 hours from Friday 20:00 end Monday 04:00', () => {
    for (const endMinute of [24 * 60, 23 * 60 + 59]) {
      const allDay = { startMinute: 0, endMinute };
      expect(iso(addWorkingTime(calendar, allDay, at('2026-11-27T20:00:00'), 8 * H).at), String(endMinute)).toBe(iso(at('2026-11-30T04:00:00')));
      expect(workingDayMs(allDay)).toBe(24 * H);
      expect(workingTimeBetween(calendar, allDay, at('2026-11-27T00:00:00'), at('2026-11-28T00:00:00')).ms).toBe(24 * H);
      expect(isWorkingTime(calendar, allDay, at('2026-11-27T23:59:30'))).toBe(true);
    }
  });

  it('reads times of day as typed, 24:00 included', () => {
    expect(parseTimeOfDay('24:00')).toBe(1440);
    expect(parseTimeOfDay('9:30')).toBe(570);
    expect(parseTimeOfDay('２４：００')).toBe(1440);
    for (const bad of ['24:01', '10:75', '25:00', '', 'noon', '9']) expect(parseTimeOfDay(bad), bad).toBeNull();
    expect(formatTimeOfDay(1440)).toBe('24:00');
    expect(formatTimeOfDay(570)).toBe('09:30');
  });
});

describe('working time between two instants', () => {
  it('counts only working hours of working days', () => {
    expect(workingTimeBetween(calendar, hours, at('2026-02-13T17:00:00'), at('2026-02-24T10:00:00')).ms).toBe(0.5 * H + 8.5 * H + 1 * H);
    expect(workingTimeBetween(calendar, hours, at('2026-02-16T10:00:00'), at('2026-02-16T12:00:00')).ms).toBe(0);
    expect(workingTimeBetween(calendar, hours, at('2026-03-03T10:00:00'), at('2026-03-02T10:00:00')).ms).toBe(0);
  });
});

describe('properties', () => {
  // Instants from 2025-01-01 to 2026-12-01 (China time), any minute; amounts up to 20 working days.
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00+08:00') / 60000, max: Date.parse('2026-12-01T00:00:00+08:00') / 60000 }).map((m) => new Date(m * 60000));
  const amount = fc.integer({ min: 0, max: 20 * 8.5 * 60 }).map((m) => m * 60000);

  it('never lands outside working time', () => {
    fc.assert(fc.property(instant, amount, (from, ms) => isWorkingTime(calendar, hours, addWorkingTime(calendar, hours, from, ms).at)));
  });

  it('is monotonic in the amount and in the start', () => {
    fc.assert(
      fc.property(instant, amount, amount, (from, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return addWorkingTime(calendar, hours, from, lo).at <= addWorkingTime(calendar, hours, from, hi).at;
      }),
    );
    fc.assert(
      fc.property(instant, instant, amount, (x, y, ms) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        return addWorkingTime(calendar, hours, early, ms).at <= addWorkingTime(calendar, hours, late, ms).at;
      }),
    );
  });

  it('counts back exactly what it added', () => {
    fc.assert(fc.property(instant, amount, (from, ms) => workingTimeBetween(calendar, hours, from, addWorkingTime(calendar, hours, from, ms).at).ms === ms));
  });

  it('adds in steps the same as at once (pausing and resuming loses nothing)', () => {
    fc.assert(
      fc.property(instant, amount, amount, (from, a, b) => {
        const step = addWorkingTime(calendar, hours, from, a).at;
        return addWorkingTime(calendar, hours, step, b).at.getTime() === addWorkingTime(calendar, hours, from, a + b).at.getTime();
      }),
    );
  });
});
