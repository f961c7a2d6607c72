import { describe, expect, it } from 'vitest';
import { computeTier, DEFAULT_CARE_RULES, DEFAULT_RESIDENT_TAGS, monthlyVisitRates, periodWindow, versionInForce, windowMonth } from '../src/index.ts';

// Decision 039: the pure rules of visiting care.
describe('care tiers', () => {
  const tier = (tags: string[], birth: string | null, today = '2026-11-29') => computeTier(DEFAULT_CARE_RULES, { tags, birth }, today);
  it('80 and over living alone or empty-nest is high risk; the birthday counts in China’s calendar day', () => {
    expect(tier(['独居'], '1946-11-29')).toBe('high');
    expect(tier(['独居'], '1946-11-30')).toBe('regular'); // 80 tomorrow
    expect(tier(['空巢'], '1946-11')).toBe('high'); // a month-only birth counts from the 1st
    expect(tier(['独居'], null)).toBe('regular'); // age unknown: the age rule cannot apply
  });
  it('the default rules name only tags of the register’s default list (decision 073: 重病 and 孤儿 were named by no tag)', () => {
    const named = DEFAULT_CARE_RULES.rules.flatMap((r) => [...(r.tagsAny ?? []), ...(r.tagsAll ?? [])]);
    expect(named).toEqual(expect.arrayContaining(['重病', '孤儿']));
    expect(named.filter((t) => !(DEFAULT_RESIDENT_TAGS as readonly string[]).includes(t))).toEqual([]);
    expect(tier(['重病'], '1990-01-01')).toBe('high');
    expect(tier(['孤儿'], '2015-01-01')).toBe('priority');
  });
  it('takes the highest tier of any rule, and nothing for no rule', () => {
    expect(tier(['残疾', '独居'], '1930-01-01')).toBe('high');
    expect(tier(['残疾'], '1990-01-01')).toBe('priority');
    expect(tier(['党员'], '1930-01-01')).toBeNull();
  });
  it('uses the version in force on the day', () => {
    const versions = [{ effectiveFrom: '0000-01-01', v: 1 }, { effectiveFrom: '2026-12-01', v: 2 }];
    expect(versionInForce(versions, '2026-11-30')?.v).toBe(1);
    expect(versionInForce(versions, '2026-12-01')?.v).toBe(2);
  });
});

describe('periods in China time', () => {
  it('weeks from Monday, months, quarters; an exclusive end at 00:00 China time', () => {
    expect(periodWindow('week', '2026-12-06')).toMatchObject({ firstDay: '2026-11-30', lastDay: '2026-12-06' });
    expect(periodWindow('week', '2026-12-06').closesAt.toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(periodWindow('month', '2026-12-31')).toMatchObject({ firstDay: '2026-12-01', lastDay: '2026-12-31' });
    expect(periodWindow('quarter', '2026-11-15')).toMatchObject({ firstDay: '2026-10-01', lastDay: '2026-12-31' });
    expect(periodWindow('quarter', '2026-11-15').closesAt.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(windowMonth({ closesAt: new Date('2026-12-31T16:00:00.000Z') })).toBe('2026-12');
  });
});

describe('monthly visit rate', () => {
  it('visited on time ÷ due; an open unvisited window is not yet due', () => {
    const w = (tier: 'high' | 'priority', closes: string, visited: string | null) => ({ tier, opensAt: new Date('2026-09-01T00:00:00Z'), closesAt: new Date(closes), visitedAt: visited ? new Date(visited) : null });
    const rates = monthlyVisitRates(
      [w('high', '2026-09-06T16:00:00Z', '2026-09-03T00:00:00Z'), w('high', '2026-09-06T16:00:00Z', null), w('high', '2026-09-27T16:00:00Z', null), w('priority', '2026-09-30T16:00:00Z', '2026-10-01T00:00:00Z')],
      '2026-09',
      new Date('2026-09-20T00:00:00Z'),
    );
    expect(rates).toEqual([
      { tier: 'high', due: 2, onTime: 1, rate: 0.5 },
      { tier: 'priority', due: 1, onTime: 0, rate: 0 },
      { tier: 'regular', due: 0, onTime: 0, rate: null },
    ]);
  });
});

describe('a window’s end as people read it (issue 20: the app wrote 12-01 00:00 where the roster wrote 11-30 24:00)', () => {
  it('a window closing at midnight in China ends 24:00 of its last day; any other end is its minute', async () => {
    const { windowEndText } = await import('../src/index.ts');
    expect(windowEndText(new Date('2026-11-30T16:00:00Z'))).toBe('2026-11-30 24:00');
    expect(windowEndText(new Date('2026-11-26T09:20:00Z'))).toBe('2026-11-26 17:20');
    expect(windowEndText(periodWindow('month', '2026-11-15').closesAt)).toBe('2026-11-30 24:00');
  });
});
