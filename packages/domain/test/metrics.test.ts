import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCounters, type CaseFact, compositeScore, countCases, emptyCounters, metricsOf, rankBy, sumCounters } from '../src/index.ts';

const H = 3_600_000;
const d = (s: string) => new Date(`${s}+08:00`);
const march = { from: d('2026-03-01T00:00:00'), to: d('2026-04-01T00:00:00') };
// Figures are as of a moment; most tests look well after March.
const now = d('2026-06-01T00:00:00');
const fact = (over: Partial<CaseFact>): CaseFact => ({
  receivedAt: d('2026-03-10T10:00:00'),
  categoryName: '设施维修',
  gridId: null,
  excluded: false,
  acceptedAt: null,
  acceptDueAt: d('2026-03-11T10:00:00'),
  closedAt: null,
  endedAt: null,
  resolveDueAt: d('2026-03-17T10:00:00'),
  overdueAt: null,
  rating: null,
  reopened: false,
  escalated: false,
  forwarded: false,
  autoEscalated: false,
  acceptWorkingMs: null,
  closeWorkingMs: null,
  ...over,
});

const A = fact({ acceptedAt: d('2026-03-10T11:00:00'), acceptWorkingMs: 1 * H, closedAt: d('2026-03-12T10:00:00'), closeWorkingMs: 17 * H, rating: 5 });
// Accepted after its accept deadline (overdue from then on), closed after its resolve deadline.
const B = fact({ overdueAt: d('2026-03-11T10:00:00'), acceptedAt: d('2026-03-12T09:00:00'), acceptWorkingMs: 14 * H, closedAt: d('2026-03-20T10:00:00'), closeWorkingMs: 60 * H, rating: 3, reopened: true, escalated: true, autoEscalated: true });
// Still open at the department, its time limit running out on 17 March.
const C = fact({ acceptedAt: d('2026-03-10T12:00:00'), acceptWorkingMs: 2 * H, escalated: true, forwarded: true, overdueAt: d('2026-03-17T10:00:00') });
const spam = fact({ excluded: true, acceptedAt: d('2026-03-10T11:00:00'), closedAt: d('2026-03-10T12:00:00'), rating: 1 });
// Received in February, due (and closed) in March: counts for March only by due date.
const E = fact({ receivedAt: d('2026-02-25T10:00:00'), resolveDueAt: d('2026-03-04T10:00:00'), closedAt: d('2026-03-03T10:00:00'), acceptedAt: d('2026-02-25T11:00:00') });
// Received in March, closed in April.
const F = fact({ receivedAt: d('2026-03-30T10:00:00'), resolveDueAt: d('2026-04-06T10:00:00'), acceptedAt: d('2026-03-30T10:30:00'), acceptWorkingMs: 0.5 * H, closedAt: d('2026-04-02T10:00:00'), closeWorkingMs: 20 * H, rating: 4 });

describe('metric definitions', () => {
  it('nothing received: no rates, no score, zero counts (shown as “—”, never as 0%)', () => {
    const m = metricsOf(countCases([], march, now));
    expect(m).toMatchObject({ received: 0, responseRate: null, closeRate: null, onTimeRate: null, satisfactionRate: null, ratingRate: null, score: null, medianAcceptHours: null });
  });

  it('count a month’s cohort, leave out spam, and attribute by due date separately', () => {
    const c = countCases([A, B, C, spam, E], march, now);
    expect(c).toMatchObject({ received: 3, acceptedInTime: 2, closed: 2, closedInTime: 1, overdueOpen: 1, rated: 2, satisfied: 1, reopened: 1, escalated: 2, forwarded: 1, autoEscalated: 1, due: 4, dueClosed: 3 });
    const m = metricsOf(c);
    expect(m.responseRate).toBeCloseTo(2 / 3);
    expect(m.closeRate).toBeCloseTo(2 / 3);
    expect(m.onTimeRate).toBeCloseTo(1 / 3); // A on time; B closed late; C open past its time limit
    expect(m.overdueOpen).toBe(1);
    expect(m.satisfactionRate).toBe(0.5);
    expect(m.ratingRate).toBe(1);
    expect(m.reopenRate).toBeCloseTo(1 / 3);
    expect(m.dueCloseRate).toBe(0.75); // A, B, C (due 17 March) and E (due 4 March); C is open
    expect(m.manualEscalated).toBe(1);
    expect(m.avgAcceptHours).toBeCloseTo((1 + 14 + 2) / 3);
    expect(m.medianAcceptHours).toBe(2); // 1 h, 2 h, 14 h: the middle one sits in the "≤ 2 h" bucket
    expect(m.score).toBe(60.8); // 30% × 66.7 + 35% × 66.7 + 35% × 50
  });

  it('open cases past a time limit count against 按期办结率 (issue 15: 100% while 37 were overdue)', () => {
    // Every closed case on time, and 37 open ones past their time limits: not 100%.
    const open = Array.from({ length: 37 }, (_, i) => fact({ receivedAt: d(`2026-03-0${1 + (i % 9)}T09:00:00`), overdueAt: d('2026-03-12T17:30:00'), escalated: true }));
    const m = metricsOf(countCases([A, ...open], march, now));
    expect(m.overdueOpen).toBe(37);
    expect(m.onTimeRate).toBeCloseTo(1 / 38);
    // Before its time limit passes an open case is undecided: in neither count; after it, overdue.
    expect(countCases([C], march, d('2026-03-16T10:00:00'))).toMatchObject({ overdueOpen: 0, closed: 0 });
    expect(metricsOf(countCases([A, C], march, d('2026-03-16T10:00:00'))).onTimeRate).toBe(1);
    expect(metricsOf(countCases([A, C], march, d('2026-03-18T10:00:00'))).onTimeRate).toBe(0.5);
    // Closed late once overdue: closed, not on time, no longer open-overdue.
    const late = fact({ overdueAt: d('2026-03-17T10:00:00'), closedAt: d('2026-03-18T10:00:00') });
    expect(countCases([late], march, now)).toMatchObject({ closed: 1, closedInTime: 0, overdueOpen: 0 });
    // Closed exactly at the limit is on time; without any time limit ever passed, on time whatever the deadline rows.
    expect(countCases([fact({ overdueAt: d('2026-03-17T10:00:00'), closedAt: d('2026-03-17T10:00:00') })], march, now)).toMatchObject({ closedInTime: 1 });
    // Auto-escalated after the accept limit, resolved by the street without a community resolve deadline: late.
    expect(countCases([fact({ resolveDueAt: null, overdueAt: d('2026-03-11T10:00:00'), closedAt: d('2026-03-13T10:00:00'), autoEscalated: true, escalated: true })], march, now)).toMatchObject({ closed: 1, closedInTime: 0 });
    // Rejected as out of remit after becoming overdue: finished, counts in neither.
    expect(countCases([fact({ overdueAt: d('2026-03-11T10:00:00'), endedAt: d('2026-03-12T10:00:00') })], march, now)).toMatchObject({ received: 1, closed: 0, overdueOpen: 0 });
  });

  it('a case closed next period counts for its month once it is closed, not before', () => {
    expect(countCases([F], march, d('2026-03-31T23:00:00'))).toMatchObject({ received: 1, closed: 0, rated: 0 });
    expect(countCases([F], march, d('2026-05-01T00:00:00'))).toMatchObject({ received: 1, closed: 1, closedInTime: 1, rated: 1, satisfied: 1 });
  });

  it('unrated cases leave satisfaction out of the score instead of counting as zero', () => {
    const m = metricsOf(countCases([C], march, now));
    expect(m.satisfactionRate).toBeNull();
    expect(m.score).toBe(compositeScore({ response: 1, resolution: 0, satisfaction: null }));
    expect(m.score).toBe(46.2); // (30 × 100 + 35 × 0) / 65
  });

  it('counters add up: any split of the cases sums to the counters of all of them', () => {
    const arbFact = fc.record({
      day: fc.integer({ min: 0, max: 60 }),
      accepted: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      closed: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      overdue: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      flags: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbFact, { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 40 }), (raw, split) => {
        const facts = raw.map((r) => {
          const receivedAt = new Date(march.from.getTime() - 15 * 24 * H + r.day * 24 * H);
          return fact({
            receivedAt,
            acceptDueAt: new Date(receivedAt.getTime() + 8 * H),
            resolveDueAt: new Date(receivedAt.getTime() + 120 * H),
            acceptedAt: r.accepted === null ? null : new Date(receivedAt.getTime() + r.accepted * H),
            acceptWorkingMs: r.accepted === null ? null : r.accepted * H,
            closedAt: r.closed === null ? null : new Date(receivedAt.getTime() + r.closed * H),
            closeWorkingMs: r.closed === null ? null : r.closed * H,
            rating: r.closed === null ? null : r.rating,
            overdueAt: r.overdue === null ? null : new Date(receivedAt.getTime() + r.overdue * H),
            reopened: r.flags,
            escalated: r.flags,
          });
        });
        const left = facts.filter((_, i) => split[i]);
        const right = facts.filter((_, i) => !split[i]);
        expect(addCounters(countCases(left, march, now), countCases(right, march, now))).toEqual(countCases(facts, march, now));
        // Summing one by one (how a district totals its communities) gives the same, and leaves its inputs alone.
        const singles = facts.map((f) => countCases([f], march, now));
        const before = JSON.stringify(singles);
        expect(sumCounters(singles)).toEqual(countCases(facts, march, now));
        expect(JSON.stringify(singles)).toBe(before);
      }),
    );
    expect(addCounters(emptyCounters(), emptyCounters())).toEqual(emptyCounters());
    expect(sumCounters([])).toEqual(emptyCounters());
    // Rows summed in SQL carry no histograms (empty arrays): they add as zeros, the buckets stay.
    expect(addCounters({ ...emptyCounters(), received: 2, acceptHist: [] }, { ...emptyCounters(), received: 3 })).toEqual({ ...emptyCounters(), received: 5 });
  });

  it('ranks best first, shares ranks on ties, and leaves communities without the figure unranked', () => {
    const rows = [
      { id: 'a', metrics: metricsOf(countCases([A], march, now)) },
      { id: 'b', metrics: metricsOf(countCases([B], march, now)) },
      { id: 'c', metrics: metricsOf(countCases([], march, now)) },
      { id: 'd', metrics: metricsOf(countCases([A], march, now)) },
    ];
    expect(rankBy(rows, 'satisfactionRate').map((r) => [r.id, r.rank])).toEqual([
      ['a', 1],
      ['d', 1],
      ['b', 3],
      ['c', null],
    ]);
    expect(rankBy(rows, 'avgCloseHours').map((r) => r.id)).toEqual(['a', 'd', 'b', 'c']); // shorter is better
  });
});

describe('reporting periods', () => {
  it('name months, quarters, years and custom ranges, each with the period before', async () => {
    const { parsePeriod, monthsOf } = await import('../src/index.ts');
    expect(parsePeriod('month', '2026-03')).toMatchObject({ range: { from: '2026-03-01', to: '2026-04-01' }, previous: { from: '2026-02-01', to: '2026-03-01' } });
    expect(parsePeriod('month', '2026-01')!.previous).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(parsePeriod('quarter', '2026-Q1')).toMatchObject({ range: { from: '2026-01-01', to: '2026-04-01' }, previous: { from: '2025-10-01', to: '2026-01-01' } });
    expect(parsePeriod('year', '2026')!.range).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(parsePeriod('custom', '2026-03-10', '2026-03-19')).toMatchObject({ range: { from: '2026-03-10', to: '2026-03-20' }, previous: { from: '2026-02-28', to: '2026-03-10' } });
    for (const [k, v, to] of [['month', '2026-13'], ['quarter', '2026-Q5'], ['year', '26'], ['custom', '2026-03-10', '2026-03-01'], ['custom', '2026-02-30', '2026-03-01'], ['custom', '2026-01-45', '2026-02-01'], ['custom', '2026-13-01', '2026-13-02'], ['week', '2026-10'], ['year', '0000'], ['month', '0999-05'], ['year', '9999'], ['custom', '2026-03-01', '9999-12-31']] as const) {
      expect(parsePeriod(k, v, to)).toBeNull();
    }
    expect(monthsOf({ from: '2025-11-01', to: '2026-02-01' })).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
  });

  it('refuse a value that does not fit its kind, saying why, instead of reading another period (issue 15)', async () => {
    const { readPeriod, lastDayOf, parsePeriod } = await import('../src/index.ts');
    // 统计期间 = 月 with the year still in the field, and a thirteenth month: refused, not read as the year.
    expect(readPeriod('month', '2026')).toEqual({ ok: false, reason: 'month' });
    expect(readPeriod('month', '2026-13')).toEqual({ ok: false, reason: 'month' });
    expect(readPeriod('quarter', '2026')).toEqual({ ok: false, reason: 'quarter' });
    expect(readPeriod('year', '2026-03')).toEqual({ ok: false, reason: 'year' });
    expect(readPeriod('custom', '2026-02-30', '2026-03-01')).toEqual({ ok: false, reason: 'day' });
    expect(readPeriod('custom', '2026-03-10', '2026-03-01')).toEqual({ ok: false, reason: 'order' });
    expect(readPeriod('custom', '2020-01-01', '2026-03-01')).toEqual({ ok: false, reason: 'tooLong' });
    expect(readPeriod('year', '1999')).toEqual({ ok: false, reason: 'outOfRange' });
    expect(readPeriod('week', '2026-10')).toEqual({ ok: false, reason: 'kind' });
    expect(readPeriod(' month'.trim(), ' 2026-03 ')).toMatchObject({ ok: true, period: { value: '2026-03' } });
    // Ranges end the day after; the last day is what people read.
    expect(lastDayOf(parsePeriod('month', '2026-11')!.range)).toBe('2026-11-30');
    expect(lastDayOf(parsePeriod('month', '2024-02')!.range)).toBe('2024-02-29');
    expect(lastDayOf(parsePeriod('quarter', '2026-Q4')!.range)).toBe('2026-12-31');
    expect(lastDayOf(parsePeriod('custom', '2026-03-10', '2026-03-19')!.range)).toBe('2026-03-19');
  });

  it('take only real calendar dates, without throwing on impossible ones', async () => {
    const { isCalendarDay } = await import('../src/index.ts');
    for (const day of ['2026-11-26', '2024-02-29', '2000-01-01']) expect(isCalendarDay(day), day).toBe(true);
    for (const day of ['2026-13-45', '2026-01-45', '2026-02-30', '2025-02-29', '2026-00-10', '2026-1-5', '26-11-26', '', ' 2026-11-26', 20261126, null]) expect(isCalendarDay(day), String(day)).toBe(false);
  });

  it('a calendar day lies in 1900–2100: year 1 and 9999 are refused (PostgreSQL cannot bound them in China time; issue 20)', async () => {
    const { isCalendarDay, isDayNear } = await import('../src/index.ts');
    for (const day of ['1900-01-01', '2100-12-31']) expect(isCalendarDay(day), day).toBe(true);
    for (const day of ['0001-01-01', '9999-12-31', '1899-12-31', '2101-01-01', '0000-01-01']) expect(isCalendarDay(day), day).toBe(false);
    // Backward compatible: one argument, usable as a callback as before.
    expect(['2026-11-30', '2026-12-01'].every(isCalendarDay)).toBe(true);
    expect(isDayNear('2027-11-30', '2026-11-30', { back: 0, ahead: 366 })).toBe(true);
    expect(isDayNear('2027-12-02', '2026-11-30', { back: 0, ahead: 366 })).toBe(false);
    expect(isDayNear('2026-11-29', '2026-11-30', { back: 0, ahead: 366 })).toBe(false);
    expect(isDayNear('2026-02-30', '2026-11-30', { back: 400, ahead: 400 })).toBe(false);
    const { isCalendarMonth } = await import('../src/index.ts');
    for (const m of ['2026-11', '1900-01', '2100-12']) expect(isCalendarMonth(m), m).toBe(true);
    for (const m of ['0001-01', '9999-12', '2026-13', '2026-00', '2026-1', 202611, null]) expect(isCalendarMonth(m), String(m)).toBe(false);
  });
});

describe('merged wishes in the satisfaction figures (issue 15, as /help/metrics defines them)', () => {
  it('every reporter’s rating counts once, merged wishes’ reporters included; 评价率 divides by every reporter who could rate', () => {
    // One case resolved and rated 5 by its reporter; two identical wishes merged into it, one of whose reporters rated 2.
    const survivor = fact({ acceptedAt: d('2026-03-10T11:00:00'), closedAt: d('2026-03-12T10:00:00'), rating: 5, mergedReporters: 2, mergedRatings: [2] });
    const merged = fact({ excluded: true, rating: 2 });
    const c = countCases([survivor, merged, merged], march, now);
    expect(c).toMatchObject({ received: 1, closed: 1, rated: 2, satisfied: 1, rateable: 3 });
    expect(metricsOf(c)).toMatchObject({ satisfactionRate: 0.5, ratingRate: 2 / 3 });
    // Without merges the definitions are the old ones: rated cases ÷ closed cases.
    expect(metricsOf(countCases([A, B], march, now))).toMatchObject({ ratingRate: 1, satisfactionRate: 0.5 });
    // A survivor still open counts no ratings at all (nobody could rate yet).
    expect(countCases([fact({ mergedReporters: 1, mergedRatings: [] })], march, now)).toMatchObject({ rated: 0, rateable: 0 });
  });
});
