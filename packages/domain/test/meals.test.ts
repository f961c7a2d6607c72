import { describe, expect, it } from 'vitest';
import { mealCutoff, mealSubsidy, menuShortfalls, ruleCovers, type SubsidyRule, winningRule } from '../src/index.ts';

// Issue 19 / decision 038: the meal rules the use cases apply (cut-off in China time, the menu rule, which subsidy
// rule wins). The use cases' tests go through the database; these pin the rules themselves.

describe('mealCutoff', () => {
  it('is the given days before at the given time, China time (UTC+8), across a month and a year', () => {
    // The day before at 16:00 China time = 08:00 UTC that day.
    expect(mealCutoff('2026-12-10', 1, '16:00').toISOString()).toBe('2026-12-09T08:00:00.000Z');
    expect(mealCutoff('2026-12-01', 1, '16:00').toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(mealCutoff('2027-01-01', 2, '09:30').toISOString()).toBe('2026-12-30T01:30:00.000Z');
    // Same day, early morning China time is the previous day in UTC.
    expect(mealCutoff('2026-12-10', 0, '07:00').toISOString()).toBe('2026-12-09T23:00:00.000Z');
  });
});

describe('menuShortfalls', () => {
  const dish = (...tags: string[]) => ({ tags });
  it('lists each tag with fewer dishes than the rule asks (三荤三素), nothing when the menu meets it', () => {
    const rule = { 荤: 3, 素: 3 };
    const menu = [dish('荤'), dish('荤', '低盐'), dish('素'), dish('素'), dish('汤')];
    expect(menuShortfalls(rule, menu)).toEqual([
      { tag: '荤', required: 3, found: 2 },
      { tag: '素', required: 3, found: 2 },
    ]);
    expect(menuShortfalls(rule, [...menu, dish('荤'), dish('素', '软食')])).toEqual([]);
    // A dish with both tags counts for both; an empty rule asks nothing; an empty menu lacks everything.
    expect(menuShortfalls({ 荤: 1, 素: 1 }, [dish('荤', '素')])).toEqual([]);
    expect(menuShortfalls({}, [])).toEqual([]);
    expect(menuShortfalls({ 汤: 1 }, [])).toEqual([{ tag: '汤', required: 1, found: 0 }]);
  });
});

describe('winningRule and mealSubsidy', () => {
  const rule = (over: Partial<SubsidyRule> & { id: string }): SubsidyRule => ({
    name: over.id,
    tagId: null,
    minAge: 80,
    perMealCents: 300,
    monthlyCapCents: null,
    priority: 0,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    ...over,
  });
  const elder = { tagIds: ['dibao'], birth: '1940-05' };

  it('covers by tag and age on the day, effectiveFrom inclusive and effectiveTo exclusive', () => {
    const r = rule({ id: 'a', tagId: 'dibao', minAge: null, effectiveFrom: '2026-12-01', effectiveTo: '2026-12-16' });
    expect(ruleCovers(r, elder, '2026-11-30')).toBe(false);
    expect(ruleCovers(r, elder, '2026-12-01')).toBe(true);
    expect(ruleCovers(r, elder, '2026-12-15')).toBe(true);
    expect(ruleCovers(r, elder, '2026-12-16')).toBe(false);
    expect(ruleCovers(r, { tagIds: [], birth: '1940-05' }, '2026-12-10')).toBe(false);
    // An age rule: a person of unknown birth meets no age condition; a rule with neither condition covers no one.
    expect(ruleCovers(rule({ id: 'b' }), { tagIds: [], birth: null }, '2026-12-10')).toBe(false);
    expect(ruleCovers(rule({ id: 'c', minAge: null }), elder, '2026-12-10')).toBe(false);
  });

  it('takes the highest priority, even with a smaller amount', () => {
    const rules = [rule({ id: 'age', perMealCents: 500, priority: 1 }), rule({ id: 'dibao', tagId: 'dibao', minAge: null, perMealCents: 400, priority: 5 })];
    expect(winningRule(rules, elder, '2026-12-10')?.id).toBe('dibao');
  });

  it('on equal priority the larger amount per meal wins, whatever the order of the table', () => {
    // The smaller one starts earlier and sorts first by id: only the amount makes the larger win.
    const small = rule({ id: 'a-small', perMealCents: 300, priority: 2, effectiveFrom: '2025-01-01' });
    const large = rule({ id: 'z-large', tagId: 'dibao', minAge: null, perMealCents: 600, priority: 2 });
    expect(winningRule([small, large], elder, '2026-12-10')?.id).toBe('z-large');
    expect(winningRule([large, small], elder, '2026-12-10')?.id).toBe('z-large');
  });

  it('on equal priority and amount the earlier start, then the id, so the choice is stable', () => {
    const later = rule({ id: 'a-later', effectiveFrom: '2026-06-01' });
    const earlier = rule({ id: 'z-earlier', effectiveFrom: '2026-02-01' });
    expect(winningRule([later, earlier], elder, '2026-12-10')?.id).toBe('z-earlier');
    const b = rule({ id: 'b' });
    const a = rule({ id: 'a' });
    expect(winningRule([b, a], elder, '2026-12-10')?.id).toBe('a');
  });

  it('a rule not yet (or no longer) in force does not win; none covering: null and no subsidy', () => {
    const old = rule({ id: 'old', perMealCents: 300, effectiveTo: '2026-12-16' });
    const next = rule({ id: 'new', perMealCents: 500, effectiveFrom: '2026-12-16' });
    expect(winningRule([old, next], elder, '2026-12-15')?.id).toBe('old');
    expect(winningRule([old, next], elder, '2026-12-16')?.id).toBe('new');
    expect(winningRule([old, next], { tagIds: [], birth: '1970-01' }, '2026-12-16')).toBeNull();
    expect(mealSubsidy(null, 1500, 0)).toBe(0);
  });

  it('mealSubsidy: the amount, at most the price, at most what is left of the monthly cap, never negative', () => {
    const capped = rule({ id: 'cap', perMealCents: 500, monthlyCapCents: 1200 });
    expect(mealSubsidy(capped, 1500, 0)).toBe(500);
    expect(mealSubsidy(capped, 1500, 1000)).toBe(200);
    expect(mealSubsidy(capped, 1500, 1200)).toBe(0);
    expect(mealSubsidy(capped, 1500, 1500)).toBe(0);
    expect(mealSubsidy(rule({ id: 'big', perMealCents: 2000 }), 1500, 0)).toBe(1500);
  });
});
