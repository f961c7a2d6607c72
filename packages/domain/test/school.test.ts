import { describe, expect, it } from 'vitest';
import { allocationOrder, isClassDay, recentClassDay, waitsForAllocation } from '../src/index.ts';

// Decision 043: how a senior-school course gives its places.
const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 0, m));
const people = [
  { id: 'a', returning: false, queuedAt: at(1) },
  { id: 'b', returning: true, queuedAt: at(2) },
  { id: 'c', returning: false, queuedAt: at(3) },
  { id: 'd', returning: true, queuedAt: at(4) },
];

describe('allocationOrder', () => {
  it('first come: in the order asked', () => {
    expect(allocationOrder('first_come', [...people].reverse()).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('returning first: returning students in the order asked, then the others', () => {
    expect(allocationOrder('returning_first', people).map((p) => p.id)).toEqual(['b', 'd', 'a', 'c']);
  });
  it('draw: a shuffle decided by the lot, every applicant once', () => {
    const drawn = allocationOrder('draw', people, () => 0);
    expect(drawn.map((p) => p.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(drawn.map((p) => p.id)).toEqual(['b', 'c', 'd', 'a']);
    expect(allocationOrder('draw', people, () => 0.999).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('only returning-first and draw courses wait for allocation', () => {
    expect(waitsForAllocation('first_come', false)).toBe(false);
    expect(waitsForAllocation('draw', false)).toBe(true);
    expect(waitsForAllocation('draw', true)).toBe(false);
  });
});

describe('class days (attendance opens on one: issue 19, a course page opened on today and the server refused it)', () => {
  // A Tuesday course (weekday 2) in a term from Tue 2026-09-01 to Fri 2027-01-15.
  const term = ['2026-09-01', '2027-01-15'] as const;
  it('a class day is the course’s weekday within its term', () => {
    expect(isClassDay(2, ...term, '2026-12-01')).toBe(true);
    expect(isClassDay(2, ...term, '2026-11-30')).toBe(false); // a Monday
    expect(isClassDay(2, ...term, '2026-08-25')).toBe(false); // before the term
    expect(isClassDay(2, ...term, '2027-01-19')).toBe(false); // after it
  });
  it('the page opens on the latest class day up to today, the first when the term has not begun, the last after it', () => {
    expect(recentClassDay(2, ...term, '2026-11-30')).toBe('2026-11-24'); // Monday: last Tuesday
    expect(recentClassDay(2, ...term, '2026-12-01')).toBe('2026-12-01'); // Tuesday: today
    expect(recentClassDay(2, ...term, '2026-12-06')).toBe('2026-12-01'); // Sunday
    expect(recentClassDay(2, ...term, '2026-07-01')).toBe('2026-09-01'); // before the term: its first class
    expect(recentClassDay(2, ...term, '2027-03-01')).toBe('2027-01-12'); // after it: its last class
    expect(recentClassDay(5, '2026-09-01', '2027-01-15', '2026-09-02')).toBe('2026-09-04'); // Wed, first Friday is later
    for (const today of ['2026-07-01', '2026-09-03', '2026-12-31', '2027-02-01']) expect(isClassDay(2, ...term, recentClassDay(2, ...term, today))).toBe(true);
  });
});
