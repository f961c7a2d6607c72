import { describe, expect, it } from 'vitest';
import { allocationOrder, waitsForAllocation } from '../src/index.ts';

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
