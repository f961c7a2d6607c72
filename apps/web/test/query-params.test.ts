import { describe, expect, it } from 'vitest';
import { resources } from '@shequ/i18n';
import { queryDay, queryFilterDay, queryMonth, queryYear, readQueryPeriod } from '~/lib/query-params.ts';

// Issue 19, an outside trial: `/community/meals/claim?month=2026-13` downloaded another month's claim for 民政, and
// kitchen/settlement/bookings/services claim answered 200 for impossible days and months. One reader now: absent →
// the page's default; present but not a real day or month → the 400 page with a Chinese message, never a fallback.

const at = (query: string) => new Request(`http://localhost/community/meals/kitchen${query}`);

/** What a page answers when queryDay/queryMonth refuse: the thrown 400 (Remix's `data()`), as the error page reads it. */
function refusal(fn: () => unknown): { status: number; data: { code: string; kind: string; name: string; value: string } } {
  try {
    fn();
  } catch (thrown) {
    const r = thrown as { init?: { status?: number }; data?: unknown; status?: number };
    return { status: r.init?.status ?? r.status ?? 0, data: r.data as never };
  }
  throw new Error('accepted');
}

describe('days and months in an address (one reader, issue 19)', () => {
  it('an absent or empty value is the page’s default; a real one is read as given', () => {
    expect(queryDay(at(''), '2026-11-30')).toBe('2026-11-30');
    expect(queryDay(at('?day='), '2026-11-30')).toBe('2026-11-30');
    expect(queryDay(at('?day=2026-02-28'), '2026-11-30')).toBe('2026-02-28');
    expect(queryDay(at('?from=2026-12-07'), '2026-11-30', 'from')).toBe('2026-12-07');
    expect(queryMonth(at(''), '2026-11')).toBe('2026-11');
    expect(queryMonth(at('?month=2026-12'), '2026-11')).toBe('2026-12');
  });

  it.each(['2026-02-30', '9999-99-99', '2026-13-01', '2026-1-5', '😀', 'today'])('the day %s is refused with the 400 page, not replaced by today', (day) => {
    const r = refusal(() => queryDay(at(`?day=${encodeURIComponent(day)}`), '2026-11-30'));
    expect(r.status).toBe(400);
    expect(r.data).toEqual({ code: 'badQuery', kind: 'day', name: 'day', value: day, filter: false, min: 1900, max: 2100 });
  });

  it.each(['2026-13', '2026-99', '2026-00', '😀', '2026', '2026-1'])('the month %s is refused with the 400 page, not replaced by this month', (month) => {
    const r = refusal(() => queryMonth(at(`?month=${encodeURIComponent(month)}`), '2026-11'));
    expect(r.status).toBe(400);
    expect(r.data).toMatchObject({ code: 'badQuery', kind: 'month', value: month });
  });

  it('a list’s day filter: absent or empty is no filter; a real day is read; any other value is the 400 page naming it (issue 19)', () => {
    const cases = (query: string) => new Request(`http://localhost/community/cases${query}`);
    expect(queryFilterDay(cases(''), 'from')).toBeUndefined();
    expect(queryFilterDay(cases('?from='), 'from')).toBeUndefined();
    expect(queryFilterDay(cases('?from=2026-02-28&to=2026-03-01'), 'to')).toBe('2026-03-01');
    for (const day of ['2026-02-30', '2026-13-45', 'abc', '0001-01-01']) {
      const r = refusal(() => queryFilterDay(cases(`?status=active&from=${encodeURIComponent(day)}`), 'from'));
      expect(r.status, day).toBe(400);
      // `filter`: the error page offers the list without this filter (not "today").
      expect(r.data, day).toEqual({ code: 'badQuery', kind: 'day', name: 'from', value: day, filter: true, min: 1900, max: 2100 });
    }
    expect(resources['zh-CN'].translation.errors.badQueryResetFilter).toBe('去掉这个日期条件');
    expect(resources.en.translation.errors.badQueryResetFilter).toBeTruthy();
  });

  it('what was asked is cut to 40 characters (it is shown back) without splitting a character', () => {
    const read = readQueryPeriod(at(`?month=${encodeURIComponent('😀'.repeat(50))}`), 'month', '2026-11');
    expect(read).toEqual({ ok: false, kind: 'month', name: 'month', asked: '😀'.repeat(40) });
  });

  it('the messages exist in Chinese and English and name the value and the years allowed (?day=9999-01-01 has the right shape: issue 19’s trial)', () => {
    for (const key of ['badDay', 'badMonth'] as const) {
      for (const lang of ['zh-CN', 'en'] as const) {
        expect(resources[lang].translation.errors[key]).toMatch(/\{\{value\}\}/);
        expect(resources[lang].translation.errors[key]).toMatch(/\{\{min\}\}.*\{\{max\}\}/);
      }
    }
    const r = refusal(() => queryDay(at('?day=9999-01-01'), '2026-11-30'));
    expect(r.data).toMatchObject({ kind: 'day', value: '9999-01-01', min: 1900, max: 2100 });
  });
});

describe('a year in an address (issue 18: ?year=9999 showed this year under another year)', () => {
  it('an absent or empty year is this year in China; a year from 2000 to 2100 is read as given', () => {
    const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(queryYear(at(''))).toBe(thisYear);
    expect(queryYear(at('?year='))).toBe(thisYear);
    expect(queryYear(at('?year=2025'))).toBe(2025);
  });

  it.each(['9999', '1999', '26', '2026.5', '😀'])('the year %s is refused with the 400 page, not replaced by this year', (year) => {
    const r = refusal(() => queryYear(at(`?year=${encodeURIComponent(year)}`)));
    expect(r.status).toBe(400);
    expect(r.data).toEqual({ code: 'badQuery', kind: 'year', name: 'year', value: year, filter: false, min: 2000, max: 2100 });
  });

  it('says what was asked and the years allowed, in Chinese first', () => {
    expect(resources['zh-CN'].translation.errors.badYear).toContain('{{min}} 至 {{max}}');
  });
});
