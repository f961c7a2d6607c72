import { describe, expect, it } from 'vitest';
import { yuanCents } from '../src/zod.ts';

// One parser for every price, fee and subsidy (meals, services, the senior school): 0.001 yuan was rounded to 0 and
// saved silently — a subsidy rule of nothing outranking the real ones (found by an outside trial of issue 19).
describe('yuanCents', () => {
  it('takes 0 to 100,000 yuan with at most two decimals, as fen', () => {
    expect(yuanCents.parse('12')).toBe(1200);
    expect(yuanCents.parse(' 12.5 ')).toBe(1250);
    expect(yuanCents.parse('0.01')).toBe(1);
    expect(yuanCents.parse('0')).toBe(0);
    expect(yuanCents.parse(3.3)).toBe(330);
    expect(yuanCents.parse('100000')).toBe(10_000_000);
  });

  it('refuses fractions of a fen, negatives, words and huge amounts, each with its message', () => {
    const message = (v: unknown) => {
      const r = yuanCents.safeParse(v);
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(message('0.001')).toBe('validation.money');
    expect(message('-3')).toBe('validation.money');
    expect(message('12元')).toBe('validation.money');
    expect(message('1e3')).toBe('validation.money');
    expect(message('100000.01')).toBe('validation.tooBigMax?max=100000');
    expect(message('')).toBe('validation.required');
    expect(message(undefined)).toBe('validation.required');
  });
});
